package dev.oolong.web.gl;

import dev.oolong.media.ColorMatrix;
import dev.oolong.render.FrameInfo;
import dev.oolong.render.FrameRingLayout;
import dev.oolong.render.Letterbox;
import dev.oolong.web.jso.WorkerScope;
import dev.oolong.web.webcodecs.WebCodecsBindings;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.webgl.WebGL2RenderingContext;
import org.teavm.jso.webgl.WebGLProgram;
import org.teavm.jso.webgl.WebGLShader;
import org.teavm.jso.webgl.WebGLTexture;
import org.teavm.jso.webgl.WebGLUniformLocation;

/**
 * Draws video on the canvas path's {@code OffscreenCanvas} with WebGL2: a {@code VideoFrame} as a
 * texture directly (the browser converts its colour), or I420/NV12 planes through a YUV shader
 * with the frame's matrix and range ({@link ColorMatrix}); letter-boxed ({@link Letterbox}) on a
 * black canvas. {@link #create} answers null where WebGL2 cannot be had (the caller then draws
 * with the 2D context).
 */
public final class GlRenderer {
  private static final String VERTEX = """
      #version 300 es
      in vec2 p;
      out vec2 uv;
      void main() {
        uv = vec2((p.x + 1.0) * 0.5, (1.0 - p.y) * 0.5);
        gl_Position = vec4(p, 0.0, 1.0);
      }""";
  private static final String RGB = """
      #version 300 es
      precision mediump float;
      in vec2 uv;
      uniform sampler2D picture;
      out vec4 color;
      void main() { color = vec4(texture(picture, uv).rgb, 1.0); }""";
  private static final String YUV = """
      #version 300 es
      precision highp float;
      in vec2 uv;
      uniform sampler2D planeY;
      uniform sampler2D planeU;
      uniform sampler2D planeV;
      uniform bool interleaved;
      uniform mat3 matrix;
      uniform vec3 offset;
      out vec4 color;
      void main() {
        float y = texture(planeY, uv).r;
        vec2 c = interleaved ? texture(planeU, uv).rg : vec2(texture(planeU, uv).r, texture(planeV, uv).r);
        color = vec4(clamp(matrix * vec3(y, c) + offset, 0.0, 1.0), 1.0);
      }""";

  /** Drawn frames the GPU may have in hand before {@link #busy} says so. */
  public static final int AHEAD = 2;
  /** Fences kept at most (older ones are let go unasked). */
  private static final int MAX_FENCES = 8;

  private final JSObject canvas;
  private final WebGL2RenderingContext gl;
  /** Where the last picture went on the canvas, or null. */
  private Letterbox lastBox;
  /** A fence after each drawn frame, oldest first. */
  private final java.util.ArrayDeque<JSObject> fences = new java.util.ArrayDeque<>();
  private final WebGLProgram rgb;
  private final WebGLProgram yuv;
  private final WebGLTexture[] textures = new WebGLTexture[3];
  private final WebGLUniformLocation matrix;
  private final WebGLUniformLocation offset;
  private final WebGLUniformLocation interleaved;
  private ColorMatrix lastMatrix;
  /** The canvas's height at the last {@link #begin} (the viewport's origin is its bottom). */
  private int canvasHeight;

  private GlRenderer(JSObject canvas, WebGL2RenderingContext gl) {
    this.canvas = canvas;
    this.gl = gl;
    rgb = program(RGB);
    yuv = program(YUV);
    for (int i = 0; i < 3; i++) {
      textures[i] = gl.createTexture();
      gl.activeTexture(WebGL2RenderingContext.TEXTURE0 + i);
      gl.bindTexture(WebGL2RenderingContext.TEXTURE_2D, textures[i]);
      int[] params = {WebGL2RenderingContext.TEXTURE_MIN_FILTER, WebGL2RenderingContext.TEXTURE_MAG_FILTER};
      for (int p : params) {
        gl.texParameteri(WebGL2RenderingContext.TEXTURE_2D, p, WebGL2RenderingContext.LINEAR);
      }
      gl.texParameteri(WebGL2RenderingContext.TEXTURE_2D, WebGL2RenderingContext.TEXTURE_WRAP_S,
          WebGL2RenderingContext.CLAMP_TO_EDGE);
      gl.texParameteri(WebGL2RenderingContext.TEXTURE_2D, WebGL2RenderingContext.TEXTURE_WRAP_T,
          WebGL2RenderingContext.CLAMP_TO_EDGE);
    }
    gl.pixelStorei(WebGL2RenderingContext.UNPACK_ALIGNMENT, 1);
    quad(gl);
    gl.useProgram(rgb);
    gl.uniform1i(gl.getUniformLocation(rgb, "picture"), 0);
    gl.useProgram(yuv);
    gl.uniform1i(gl.getUniformLocation(yuv, "planeY"), 0);
    gl.uniform1i(gl.getUniformLocation(yuv, "planeU"), 1);
    gl.uniform1i(gl.getUniformLocation(yuv, "planeV"), 2);
    matrix = gl.getUniformLocation(yuv, "matrix");
    offset = gl.getUniformLocation(yuv, "offset");
    interleaved = gl.getUniformLocation(yuv, "interleaved");
    gl.clearColor(0, 0, 0, 1);
  }

  /** A renderer on {@code canvas}, or null when WebGL2 is not available there. */
  public static GlRenderer create(JSObject canvas) {
    WebGL2RenderingContext gl = context(canvas);
    if (gl == null) {
      return null;
    }
    try {
      return new GlRenderer(canvas, gl);
    } catch (RuntimeException e) {
      return null; // a shader the driver refuses: the 2D context is the fallback
    }
  }

  /**
   * The WebGL renderer's name ({@code UNMASKED_RENDERER_WEBGL} where the browser gives it, else
   * {@code RENDERER}); empty when unknown.
   */
  public String rendererName() {
    return rendererName(gl);
  }

  /** Draws a {@code VideoFrame} (its display size decides the aspect ratio). */
  public void drawFrame(JSObject frame) {
    Letterbox box = begin(WebCodecsBindings.displayWidth(frame), WebCodecsBindings.displayHeight(frame));
    gl.useProgram(rgb);
    gl.activeTexture(WebGL2RenderingContext.TEXTURE0);
    gl.bindTexture(WebGL2RenderingContext.TEXTURE_2D, textures[0]);
    uploadFrame(gl, frame);
    draw(box);
  }

  /**
   * Draws a frame's planes from {@code bytes} (a {@code Uint8Array} over the frame ring's memory)
   * at {@code base}, laid out as {@code info} says (I420 or NV12).
   */
  public void drawPlanes(JSObject bytes, int base, FrameInfo info) {
    Letterbox box = begin(info.displayWidth(), info.displayHeight());
    gl.useProgram(yuv);
    int cw = (info.width() + 1) / 2;
    int ch = (info.height() + 1) / 2;
    boolean nv12 = info.format() == FrameRingLayout.FORMAT_NV12;
    uploadPlane(gl, 0, textures[0], WebGL2RenderingContext.R8, WebGL2RenderingContext.RED,
        info.width(), info.height(), info.stride(0), bytes, base + info.offset(0));
    if (nv12) {
      uploadPlane(gl, 1, textures[1], WebGL2RenderingContext.RG8, WebGL2RenderingContext.RG,
          cw, ch, info.stride(1) / 2, bytes, base + info.offset(1));
    } else {
      uploadPlane(gl, 1, textures[1], WebGL2RenderingContext.R8, WebGL2RenderingContext.RED,
          cw, ch, info.stride(1), bytes, base + info.offset(1));
      uploadPlane(gl, 2, textures[2], WebGL2RenderingContext.R8, WebGL2RenderingContext.RED,
          cw, ch, info.stride(2), bytes, base + info.offset(2));
    }
    ColorMatrix m = info.colorMatrix();
    if (!m.equals(lastMatrix)) {
      gl.uniformMatrix3fv(matrix, false, m.columnMajor());
      float[] o = m.offset();
      gl.uniform3f(offset, o[0], o[1], o[2]);
      lastMatrix = m;
    }
    gl.uniform1i(interleaved, nv12 ? 1 : 0);
    draw(box);
  }

  private Letterbox begin(int pictureWidth, int pictureHeight) {
    int w = WorkerScope.intField(canvas, "width");
    int h = WorkerScope.intField(canvas, "height");
    canvasHeight = h;
    Letterbox box = Letterbox.fit(w, h, pictureWidth, pictureHeight);
    gl.viewport(0, 0, w, h);
    if (box.hasBars(w, h)) {
      gl.clear(WebGL2RenderingContext.COLOR_BUFFER_BIT);
    }
    return box;
  }

  /**
   * Test oracle (the probe): the top {@code rows} rows of the picture just drawn, RGBA, bottom row
   * first, as wide as the picture is on the canvas ({@link #pictureWidth}). Waits for the GPU.
   */
  public byte[] readPictureTop(int rows) {
    Letterbox box = lastBox;
    if (box == null || box.width() <= 0) {
      return new byte[0];
    }
    int top = box.yFromBottom(canvasHeight) + box.height();
    int n = Math.min(rows, box.height());
    return readPixels(gl, box.x(), top - n, box.width(), n).copyToJavaArray();
  }

  /** The width on the canvas of the picture last drawn (0 before any). */
  public int pictureWidth() {
    return lastBox == null ? 0 : lastBox.width();
  }

  /** The height on the canvas of the picture last drawn (0 before any). */
  public int pictureHeight() {
    return lastBox == null ? 0 : lastBox.height();
  }

  private void draw(Letterbox box) {
    lastBox = box;
    gl.viewport(box.x(), box.yFromBottom(canvasHeight), box.width(), box.height());
    gl.drawArrays(WebGL2RenderingContext.TRIANGLE_STRIP, 0, 4);
    if (fences.size() == MAX_FENCES) {
      deleteSync(gl, fences.poll());
    }
    fences.add(fence(gl));
  }

  /**
   * Whether the GPU has more than {@link #AHEAD} drawn frames still to execute (their fences not
   * yet signalled). WebGL calls only queue commands: without asking, a drawer can run seconds
   * ahead of a slow GPU (SwiftShader).
   */
  public boolean busy() {
    while (!fences.isEmpty() && signalled(gl, fences.peek())) {
      deleteSync(gl, fences.poll());
    }
    return fences.size() > AHEAD;
  }

  private WebGLProgram program(String fragment) {
    WebGLProgram p = gl.createProgram();
    gl.attachShader(p, shader(WebGL2RenderingContext.VERTEX_SHADER, VERTEX));
    gl.attachShader(p, shader(WebGL2RenderingContext.FRAGMENT_SHADER, fragment));
    gl.bindAttribLocation(p, 0, "p");
    gl.linkProgram(p);
    if (!gl.getProgramParameterb(p, WebGL2RenderingContext.LINK_STATUS)) {
      throw new IllegalStateException("WebGL program: " + gl.getProgramInfoLog(p));
    }
    return p;
  }

  private WebGLShader shader(int type, String source) {
    WebGLShader s = gl.createShader(type);
    gl.shaderSource(s, source);
    gl.compileShader(s);
    if (!gl.getShaderParameterb(s, WebGL2RenderingContext.COMPILE_STATUS)) {
      throw new IllegalStateException("WebGL shader: " + gl.getShaderInfoLog(s));
    }
    return s;
  }

  @JSBody(params = "canvas",
      script = "try { return canvas.getContext('webgl2', {alpha: false, antialias: false, depth: false,"
          + " stencil: false, premultipliedAlpha: false, preserveDrawingBuffer: true}); } catch (e) { return null; }")
  private static native WebGL2RenderingContext context(JSObject canvas);

  @JSBody(params = "gl", script = "var f = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0); gl.flush(); return f;")
  private static native JSObject fence(WebGL2RenderingContext gl);

  @JSBody(params = {"gl", "f"},
      script = "return !f || gl.getSyncParameter(f, gl.SYNC_STATUS) === gl.SIGNALED;")
  private static native boolean signalled(WebGL2RenderingContext gl, JSObject f);

  @JSBody(params = {"gl", "x", "y", "w", "h"},
      script = "var out = new Uint8Array(w * h * 4);"
          + " gl.readPixels(x, y, w, h, gl.RGBA, gl.UNSIGNED_BYTE, out);"
          + " return new Int8Array(out.buffer);")
  private static native Int8Array readPixels(WebGL2RenderingContext gl, int x, int y, int w, int h);

  @JSBody(params = {"gl", "f"}, script = "if (f) gl.deleteSync(f);")
  private static native void deleteSync(WebGL2RenderingContext gl, JSObject f);

  @JSBody(params = "gl",
      script = "try { var e = gl.getExtension('WEBGL_debug_renderer_info');"
          + " var r = e ? gl.getParameter(e.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);"
          + " return typeof r === 'string' ? r : ''; } catch (x) { return ''; }")
  private static native String rendererName(WebGL2RenderingContext gl);

  /** The full-canvas quad (triangle strip) on attribute 0. */
  @JSBody(params = "gl",
      script = "var buf = gl.createBuffer(); gl.bindBuffer(gl.ARRAY_BUFFER, buf);"
          + " gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);"
          + " var vao = gl.createVertexArray(); gl.bindVertexArray(vao);"
          + " gl.enableVertexAttribArray(0); gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);")
  private static native void quad(WebGL2RenderingContext gl);

  @JSBody(params = {"gl", "frame"},
      script = "gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, frame);")
  private static native void uploadFrame(WebGL2RenderingContext gl, JSObject frame);

  @JSBody(params = {"gl", "unit", "tex", "internal", "format", "w", "h", "row", "bytes", "at"},
      script = "gl.activeTexture(gl.TEXTURE0 + unit); gl.bindTexture(gl.TEXTURE_2D, tex);"
          + " gl.pixelStorei(gl.UNPACK_ROW_LENGTH, row);"
          + " gl.texImage2D(gl.TEXTURE_2D, 0, internal, w, h, 0, format, gl.UNSIGNED_BYTE, bytes, at);"
          + " gl.pixelStorei(gl.UNPACK_ROW_LENGTH, 0);")
  private static native void uploadPlane(WebGL2RenderingContext gl, int unit, WebGLTexture texture,
      int internalFormat, int format, int width, int height, int rowLength, JSObject bytes, int at);
}

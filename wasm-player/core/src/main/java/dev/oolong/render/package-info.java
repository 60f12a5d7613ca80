/**
 * What the canvas path's renderer computes without touching the GPU: the YUV → RGB conversion of
 * a frame's colour description ({@link dev.oolong.media.ColorMatrix}), the letter-boxed rectangle
 * a picture takes on the canvas ({@link dev.oolong.render.Letterbox}), and the frame ring's layout
 * ({@link dev.oolong.render.FrameRingLayout}). The WebGL2 side lives in the engine's web package.
 */
package dev.oolong.render;

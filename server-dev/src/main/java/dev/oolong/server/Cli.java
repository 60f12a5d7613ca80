package dev.oolong.server;

import java.nio.file.Path;

/** Command-line flags of {@link DevServer}. */
final class Cli {
  static final String USAGE = """
      usage: server-dev [options]
        --port N            port to listen on (default 8080; 0 = any free port)
        --host ADDR         address to bind (default 0.0.0.0)
        --media DIR         serve your own files from DIR under /media/
        --no-isolation      do not send COOP/COEP (the page is then not cross-origin isolated)
        --no-request-log    do not log requests
        --faults            honour ?fault=truncate:N, ?fault=drop:N and ?rate=N (bytes/s), and /_shaping
                            (network shaping per path: traces, latency, errors, truncation, stalls)
        --web DIR           demo site (default web/src/main/webapp)
        --dist DIR          built bundle (default js-glue/target/dist)
        --test-media DIR    generated test media (default build/test-media)
        --help              this text""";

  /** Thrown for --help. */
  static final class HelpRequested extends Exception {}

  private Cli() {}

  static DevServer.Config parse(String[] args, DevServer.Config c) throws HelpRequested {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help", "-h" -> throw new HelpRequested();
        case "--no-isolation" -> c = c.withIsolation(false);
        case "--no-request-log" -> c = c.withRequestLog(false);
        case "--faults" -> c = c.withFaults(true);
        case "--port" -> c = c.withPort(parsePort(value(args, ++i, a)));
        case "--host" -> c = c.withHost(value(args, ++i, a));
        case "--media" -> c = c.withUserMedia(Path.of(value(args, ++i, a)));
        case "--web" -> c = c.withRoots(Path.of(value(args, ++i, a)), c.dist(), c.testMedia());
        case "--dist" -> c = c.withRoots(c.web(), Path.of(value(args, ++i, a)), c.testMedia());
        case "--test-media" -> c = c.withRoots(c.web(), c.dist(), Path.of(value(args, ++i, a)));
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return c;
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static int parsePort(String s) {
    try {
      int p = Integer.parseInt(s);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port: not a port number: " + s);
    }
  }
}

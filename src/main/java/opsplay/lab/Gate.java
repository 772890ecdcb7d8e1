package opsplay.lab;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The loopback socket through which the shims on the lab's hosts run the simulated programs.
 *
 * <p>Request (bytes, as bash writes them): a line {@code opsplay-lab 1 N M}, then N + M fields,
 * each {@code LENGTH:BYTES} with LENGTH in decimal bytes: the host, the program (its installed
 * path), the working directory, the N - 3 arguments, then M environment entries {@code NAME=VALUE}.
 * Answer: a line {@code RC OUTLEN ERRLEN MODE}, then OUTLEN bytes of stdout and ERRLEN bytes of
 * stderr. MODE {@code once}: the program has ended with exit code RC. MODE {@code forever}: the
 * program never ends: its stdout was sent once (and is sent again every second when it repeats) until the shim goes away. Before the
 * answer, the gate may ask for a line of the shim's standard input any number of times: a line
 * {@code IN SECONDS}, to which the shim answers {@code L} + a field (the line) or {@code E} (end of
 * input, or nothing within SECONDS).
 */
final class Gate implements AutoCloseable {
  static final String MAGIC = "opsplay-lab 1";
  private static final int MAX_FIELD = 16 << 20;
  private static final long REPEAT_MILLIS = 1000;

  /** Answers one run of a simulated program (any thread; blocks for as long as the run takes). */
  interface Programs {
    Output run(Invocation call) throws InterruptedException;
  }

  private final Programs programs;
  private final Map<String, Path> sandboxes;
  private final ExecutorService threads;
  private final ServerSocket socket;
  private volatile boolean closed;

  /** Binds 127.0.0.1 on a free port; {@link #start} begins answering. */
  Gate(Programs programs, Map<String, Path> sandboxes, ExecutorService threads) throws IOException {
    this.programs = programs;
    this.sandboxes = Map.copyOf(sandboxes);
    this.threads = threads;
    this.socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
  }

  int port() {
    return socket.getLocalPort();
  }

  void start() {
    Thread accept = new Thread(this::acceptLoop, "opsplay-lab-gate");
    accept.setDaemon(true);
    accept.start();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        threads.execute(() -> serve(s));
      } catch (IOException e) {
        if (closed) return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      s.setSoTimeout(30_000);
      BufferedInputStream in = new BufferedInputStream(s.getInputStream());
      Invocation call = read(in, stdin(in, s.getOutputStream()));
      Output output = programs.run(call);
      answer(s, output);
    } catch (IOException e) {
      // The shim went away (killed, or timed out by its caller): nothing to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void answer(Socket s, Output output) throws IOException, InterruptedException {
    OutputStream out = s.getOutputStream();
    byte[] stdout = output.stdout().getBytes(StandardCharsets.UTF_8);
    byte[] stderr = output.stderr().getBytes(StandardCharsets.UTF_8);
    int rc = output.rc() & 0xff;
    String header = rc + " " + stdout.length + " " + stderr.length + " " + (output.forever() ? "forever" : "once") + "\n";
    out.write(header.getBytes(StandardCharsets.US_ASCII));
    out.write(stdout);
    out.write(stderr);
    out.flush();
    while (output.forever() && !closed) {
      Thread.sleep(REPEAT_MILLIS);
      if (output.repeats()) {
        out.write(stdout);
        out.flush();
      } else if (s.getInputStream().available() == 0 && shimGone(s)) {
        return;
      }
    }
  }

  /** Asks the shim for one line of its standard input; null at end of input, on timeout or if the shim went away. */
  private static Invocation.Stdin stdin(InputStream in, OutputStream out) {
    return timeout -> {
      try {
        long seconds = Math.max(1, timeout.toSeconds());
        out.write(("IN " + seconds + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int kind = in.read();
        return kind == 'L' ? field(in) : null;
      } catch (IOException e) {
        return null;
      }
    };
  }

  /** A hanging program's shim sends nothing more: end of stream means it is gone (killed by its caller's timeout). */
  private static boolean shimGone(Socket s) throws IOException {
    s.setSoTimeout(1);
    try {
      return s.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException stillThere) {
      return false;
    }
  }

  private Invocation read(InputStream in, Invocation.Stdin stdin) throws IOException {
    String[] header = line(in).split(" ");
    if (header.length != 4 || !(header[0] + " " + header[1]).equals(MAGIC)) {
      throw new IOException("not a lab shim request");
    }
    int fields = Integer.parseInt(header[2]);
    int envCount = Integer.parseInt(header[3]);
    if (fields < 3 || envCount < 0) throw new IOException("bad lab shim request");
    List<String> values = new ArrayList<>();
    for (int i = 0; i < fields + envCount; i++) values.add(field(in));
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : values.subList(fields, fields + envCount)) {
      int eq = entry.indexOf('=');
      if (eq > 0) env.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    String host = values.get(0);
    Path sandbox = sandboxes.get(host);
    if (sandbox == null) throw new IOException("no lab host " + host);
    return new Invocation(host, values.get(1), values.subList(3, fields), values.get(2), env, sandbox, stdin);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) throw new EOFException();
      if (b.size() > 200) throw new IOException("header too long");
      b.write(c);
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  private static String field(InputStream in) throws IOException {
    int length = 0;
    for (int c; (c = in.read()) != ':'; ) {
      if (c < '0' || c > '9' || length > MAX_FIELD) throw new IOException("bad field length");
      length = length * 10 + (c - '0');
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) throw new EOFException();
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (SocketException e) {
      // already closed
    } catch (IOException e) {
      // nothing more to release
    }
  }
}

package opsplay.lab.pg;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A TCP relay in front of a server that writes down what the client sends, one line per message
 * ({@code Parse "" SELECT 1}, {@code Bind}, {@code Sync}, {@code Query SET x = 1}), so tests can
 * show what real clients say. One connection at a time, for tests only.
 */
final class Wiretap implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final List<String> said = Collections.synchronizedList(new ArrayList<>());

  Wiretap(int target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::relay, "wiretap");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  List<String> said() {
    synchronized (said) {
      return List.copyOf(said);
    }
  }

  private void relay() {
    while (true) {
      try (Socket client = listener.accept(); Socket server = new Socket(InetAddress.getLoopbackAddress(), target)) {
        Thread back = new Thread(() -> pipe(server, client), "wiretap-back");
        back.setDaemon(true);
        back.start();
        listen(new DataInputStream(client.getInputStream()), server.getOutputStream());
      } catch (IOException e) {
        if (listener.isClosed()) return;
      }
    }
  }

  private static void pipe(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // either side hung up
    }
  }

  private void listen(DataInputStream in, OutputStream out) throws IOException {
    boolean untyped = true;
    while (true) {
      int type = untyped ? 0 : in.read();
      if (type < 0) return;
      int length = in.readInt();
      byte[] body = in.readNBytes(length - 4);
      if (untyped) {
        int code = ByteBuffer.wrap(body).getInt();
        untyped = code == MessageReader.SSL_REQUEST || code == MessageReader.GSSENC_REQUEST;
        said.add(untyped ? "EncryptionRequest" : "Startup " + strings(body, 4, -1));
      } else {
        said.add(describe((char) type, body));
      }
      if (type != 0) out.write(type);
      out.write(ByteBuffer.allocate(4).putInt(length).array());
      out.write(body);
      out.flush();
    }
  }

  private static String describe(char type, byte[] body) {
    return switch (type) {
      case 'Q' -> "Query " + strings(body, 0, 1);
      case 'P' -> "Parse " + strings(body, 0, 2) + " types" + parseTypes(body);
      case 'B' -> "Bind " + strings(body, 0, 2) + " " + bindFormats(body);
      case 'D' -> "Describe " + (char) body[0] + " " + strings(body, 1, 1);
      case 'E' -> "Execute " + strings(body, 0, 1) + " max " + ByteBuffer.wrap(body, body.length - 4, 4).getInt();
      case 'C' -> "Close " + (char) body[0] + " " + strings(body, 1, 1);
      case 'S' -> "Sync";
      case 'H' -> "Flush";
      case 'X' -> "Terminate";
      default -> "'" + type + "'";
    };
  }

  private static List<Integer> parseTypes(byte[] body) {
    ByteBuffer b = ByteBuffer.wrap(body);
    skipString(b);
    skipString(b);
    List<Integer> out = new ArrayList<>();
    int n = b.getShort();
    for (int k = 0; k < n; k++) out.add(b.getInt());
    return out;
  }

  /** The parameter and result format codes of a Bind (0 text, 1 binary). */
  private static String bindFormats(byte[] body) {
    ByteBuffer b = ByteBuffer.wrap(body);
    skipString(b);
    skipString(b);
    StringBuilder s = new StringBuilder("params[");
    int n = b.getShort();
    for (int k = 0; k < n; k++) s.append(b.getShort());
    int values = b.getShort();
    for (int k = 0; k < values; k++) {
      int len = b.getInt();
      if (len > 0) b.position(b.position() + len);
    }
    s.append("] results[");
    n = b.getShort();
    for (int k = 0; k < n; k++) s.append(b.getShort());
    return s.append("]").toString();
  }

  private static void skipString(ByteBuffer b) {
    while (b.get() != 0) {
      // skip to the terminator
    }
  }

  /** {@code count} NUL-terminated strings from {@code from} (all of them for -1), joined with spaces, "" when empty. */
  private static String strings(byte[] body, int from, int count) {
    List<String> out = new ArrayList<>();
    int start = from;
    for (int i = from; i < body.length && (count < 0 || out.size() < count); i++) {
      if (body[i] != 0) continue;
      String s = new String(body, start, i - start, StandardCharsets.UTF_8);
      out.add(s.isEmpty() ? "\"\"" : s);
      start = i + 1;
    }
    return String.join(" ", out);
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}

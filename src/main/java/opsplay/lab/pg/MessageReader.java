package opsplay.lab.pg;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes the client's side of the PostgreSQL v3 protocol: the untyped first packet, then typed messages. */
final class MessageReader {
  static final int SSL_REQUEST = 80877103;
  static final int GSSENC_REQUEST = 80877104;
  static final int CANCEL_REQUEST = 80877102;
  /** Far above anything a lab client sends; a larger length means the stream is out of step. */
  private static final int MAX_LENGTH = 64 << 20;
  private final DataInputStream in;

  MessageReader(InputStream in) {
    this.in = new DataInputStream(new BufferedInputStream(in));
  }

  /** The first packet, or null when the client hung up before sending one. */
  Frontend.First readFirst() throws IOException, ProtocolException {
    int length;
    try {
      length = in.readInt();
    } catch (EOFException e) {
      return null;
    }
    if (length < 8 || length > 10_000) throw new ProtocolException("invalid length of startup packet");
    Body body = new Body(in.readNBytes(length - 4));
    int code = body.int32();
    if (code == SSL_REQUEST) return new Frontend.EncryptionRequest("SSL");
    if (code == GSSENC_REQUEST) return new Frontend.EncryptionRequest("GSSENC");
    if (code == CANCEL_REQUEST) return new Frontend.CancelRequest(body.int32(), body.int32());
    Map<String, String> parameters = new LinkedHashMap<>();
    while (body.remaining() > 1) parameters.put(body.string(), body.string());
    return new Frontend.Startup(code >>> 16, code & 0xFFFF, parameters);
  }

  /** The next message, or null at end of stream. */
  Frontend read() throws IOException, ProtocolException {
    int type = in.read();
    if (type < 0) return null;
    int length = in.readInt();
    if (length < 4 || length > MAX_LENGTH) throw new ProtocolException("invalid message length " + length);
    byte[] bytes = in.readNBytes(length - 4);
    if (bytes.length < length - 4) throw new EOFException();
    Body body = new Body(bytes);
    Frontend message = decode((char) type, body);
    if (body.remaining() != 0) throw new ProtocolException("invalid message format ('" + (char) type + "' has extra bytes)");
    return message;
  }

  private static Frontend decode(char type, Body b) throws ProtocolException {
    return switch (type) {
      case 'Q' -> new Frontend.Query(b.string());
      case 'P' -> new Frontend.Parse(b.string(), b.string(), b.oids());
      case 'B' -> bind(b);
      case 'D' -> new Frontend.Describe(b.kind(), b.string());
      case 'E' -> new Frontend.Execute(b.string(), b.int32());
      case 'C' -> new Frontend.Close(b.kind(), b.string());
      case 'S' -> new Frontend.Sync();
      case 'H' -> new Frontend.Flush();
      case 'X' -> new Frontend.Terminate();
      case 'p', 'F', 'd', 'c', 'f' -> {
        b.skipRest();
        yield new Frontend.Unsupported(type);
      }
      default -> throw new ProtocolException("invalid frontend message type " + (int) type);
    };
  }

  private static Frontend bind(Body b) throws ProtocolException {
    String portal = b.string();
    String statement = b.string();
    short[] parameterFormats = b.int16s();
    int count = b.int16();
    List<byte[]> values = new ArrayList<>(count);
    for (int k = 0; k < count; k++) values.add(b.bytes());
    return new Frontend.Bind(portal, statement, parameterFormats, values, b.int16s());
  }

  /** One message's bytes; running past the end is a protocol error, not an exception from the buffer. */
  private static final class Body {
    private final ByteBuffer buffer;

    Body(byte[] bytes) {
      buffer = ByteBuffer.wrap(bytes);
    }

    int remaining() {
      return buffer.remaining();
    }

    void skipRest() {
      buffer.position(buffer.limit());
    }

    int int32() throws ProtocolException {
      need(4);
      return buffer.getInt();
    }

    int int16() throws ProtocolException {
      need(2);
      return Short.toUnsignedInt(buffer.getShort());
    }

    short[] int16s() throws ProtocolException {
      short[] out = new short[int16()];
      for (int k = 0; k < out.length; k++) out[k] = (short) int16();
      return out;
    }

    int[] oids() throws ProtocolException {
      int[] out = new int[int16()];
      for (int k = 0; k < out.length; k++) out[k] = int32();
      return out;
    }

    /** A length-prefixed value; -1 is SQL NULL. */
    byte[] bytes() throws ProtocolException {
      int length = int32();
      if (length == -1) return null;
      if (length < 0) throw new ProtocolException("invalid parameter length " + length);
      need(length);
      byte[] out = new byte[length];
      buffer.get(out);
      return out;
    }

    char kind() throws ProtocolException {
      need(1);
      char c = (char) buffer.get();
      if (c != 'S' && c != 'P') throw new ProtocolException("invalid DESCRIBE/CLOSE message subtype " + (int) c);
      return c;
    }

    String string() throws ProtocolException {
      int start = buffer.position();
      int end = start;
      while (end < buffer.limit() && buffer.get(end) != 0) end++;
      if (end == buffer.limit()) throw new ProtocolException("invalid string in message");
      buffer.position(end + 1);
      return new String(buffer.array(), start, end - start, StandardCharsets.UTF_8);
    }

    private void need(int n) throws ProtocolException {
      if (buffer.remaining() < n) throw new ProtocolException("insufficient data left in message");
    }
  }
}

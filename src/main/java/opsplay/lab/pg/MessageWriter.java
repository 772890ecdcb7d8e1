package opsplay.lab.pg;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes the server's side of the PostgreSQL v3 protocol. Messages are buffered; {@link #flush}
 * sends them, which the session does at ReadyForQuery, Flush and before closing.
 */
final class MessageWriter {
  /** One column of a RowDescription. */
  record Column(String name, PgType type, short format) {}

  /** The fields of an ErrorResponse or NoticeResponse that this server fills in. */
  record Report(String severity, String sqlState, String message, String detail, String hint) {}

  private final OutputStream out;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  MessageWriter(OutputStream out) {
    this.out = new BufferedOutputStream(out, 16 * 1024);
  }

  /** The one-byte answer to SSLRequest and GSSENCRequest: no encryption here. */
  void encryptionRefused() throws IOException {
    out.write('N');
  }

  void authenticationOk() throws IOException {
    int32(0);
    send('R');
  }

  /** NegotiateProtocolVersion: the newest minor version this server speaks (3.0) and the options it ignored. */
  void negotiateProtocolVersion(int minor, List<String> unrecognized) throws IOException {
    int32(minor);
    int32(unrecognized.size());
    for (String option : unrecognized) string(option);
    send('v');
  }

  void parameterStatus(String name, String value) throws IOException {
    string(name);
    string(value);
    send('S');
  }

  void backendKeyData(int processId, int secret) throws IOException {
    int32(processId);
    int32(secret);
    send('K');
  }

  /** {@code status}: 'I' idle, 'T' in a transaction block, 'E' in a failed one. */
  void readyForQuery(char status) throws IOException {
    body.write(status);
    send('Z');
  }

  void rowDescription(List<Column> columns) throws IOException {
    int16(columns.size());
    for (Column c : columns) {
      string(c.name());
      int32(0);
      int16(0);
      int32(c.type().oid);
      int16(c.type().length);
      int32(-1);
      int16(c.format());
    }
    send('T');
  }

  /** A null value is SQL NULL. */
  void dataRow(List<byte[]> values) throws IOException {
    int16(values.size());
    for (byte[] v : values) {
      int32(v == null ? -1 : v.length);
      if (v != null) body.write(v);
    }
    send('D');
  }

  void parameterDescription(int[] oids) throws IOException {
    int16(oids.length);
    for (int oid : oids) int32(oid);
    send('t');
  }

  void commandComplete(String tag) throws IOException {
    string(tag);
    send('C');
  }

  void emptyQueryResponse() throws IOException {
    send('I');
  }

  void parseComplete() throws IOException {
    send('1');
  }

  void bindComplete() throws IOException {
    send('2');
  }

  void closeComplete() throws IOException {
    send('3');
  }

  void noData() throws IOException {
    send('n');
  }

  void portalSuspended() throws IOException {
    send('s');
  }

  void errorResponse(Report r) throws IOException {
    fields(r);
    send('E');
  }

  void noticeResponse(Report r) throws IOException {
    fields(r);
    send('N');
  }

  void flush() throws IOException {
    out.flush();
  }

  /** 'S' is localized, 'V' is not (PostgreSQL 9.6+ sends both); empty fields are left out. */
  private void fields(Report r) {
    field('S', r.severity());
    field('V', r.severity());
    field('C', r.sqlState());
    field('M', r.message() == null ? "" : r.message());
    field('D', r.detail());
    field('H', r.hint());
    body.write(0);
  }

  private void field(char code, String value) {
    if (value == null || (value.isEmpty() && code != 'M')) return;
    body.write(code);
    string(value);
  }

  private void send(char type) throws IOException {
    out.write(type);
    int length = body.size() + 4;
    out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    body.writeTo(out);
    body.reset();
  }

  private void int32(int v) {
    body.write(v >>> 24);
    body.write(v >>> 16);
    body.write(v >>> 8);
    body.write(v);
  }

  private void int16(int v) {
    body.write(v >>> 8);
    body.write(v);
  }

  private void string(String s) {
    body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    body.write(0);
  }
}

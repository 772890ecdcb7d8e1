package opsplay.lab.kwdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes a gzipped ustar archive, as {@code tar -czf kaiwudb_certs.tar.gz ./ca.key ./ca.crt} does. */
final class TarGz {
  private TarGz() {}

  static void write(Path archive, Map<String, String> files) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    for (var e : files.entrySet()) {
      byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
      byte[] header = new byte[512];
      put(header, 0, e.getKey());
      put(header, 100, "0000644");
      put(header, 108, "0000000");
      put(header, 116, "0000000");
      put(header, 124, String.format("%011o", data.length));
      put(header, 136, String.format("%011o", 0));
      header[156] = '0';
      put(header, 257, "ustar");
      put(header, 263, "00");
      for (int i = 148; i < 156; i++) {
        header[i] = ' ';
      }
      int sum = 0;
      for (byte b : header) {
        sum += b & 0xff;
      }
      put(header, 148, String.format("%06o", sum));
      header[154] = 0;
      tar.write(header);
      tar.write(data);
      tar.write(new byte[(512 - data.length % 512) % 512]);
    }
    tar.write(new byte[1024]);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar.toByteArray());
    }
    Files.write(archive, gz.toByteArray());
  }

  private static void put(byte[] header, int at, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, at, b.length);
  }
}

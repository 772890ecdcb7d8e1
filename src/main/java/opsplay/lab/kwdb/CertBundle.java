package opsplay.lab.kwdb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The files in {@code kaiwudb_certs.tar.gz}, the archive of the cluster's CA that the scale-out
 * procedure carries from the first node to the new one and {@code deploy.sh join --tls} unpacks.
 * Reads (gzipped) tar as tar writes it: 512-byte headers, ustar or GNU long names; regular files only.
 */
final class CertBundle {
  private CertBundle() {}

  /** File name (without a leading {@code ./}) to content; throws IOException when it is not a tar archive. */
  static Map<String, byte[]> read(Path archive) throws IOException {
    byte[] bytes = Files.readAllBytes(archive);
    InputStream in = new ByteArrayInputStream(bytes);
    if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      in = new GZIPInputStream(in);
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    String longName = null;
    while (true) {
      byte[] header = in.readNBytes(512);
      if (header.length < 512 || allZero(header)) {
        return files;
      }
      String name = longName != null ? longName : text(header, 0, 100);
      String prefix = text(header, 345, 155);
      if (longName == null && !prefix.isEmpty() && "ustar".equals(text(header, 257, 5))) {
        name = prefix + "/" + name;
      }
      long size = octal(header, 124, 12);
      byte[] data = in.readNBytes((int) size);
      in.readNBytes((int) ((512 - size % 512) % 512));
      char type = (char) header[156];
      longName = type == 'L' ? new String(data, StandardCharsets.UTF_8).replace("\0", "") : null;
      if (type == '0' || type == '\0') {
        files.put(name.replaceFirst("^(\\./)+", ""), data);
      }
    }
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] header, int from, int length) {
    byte[] field = Arrays.copyOfRange(header, from, from + length);
    int end = 0;
    while (end < field.length && field[end] != 0) {
      end++;
    }
    return new String(field, 0, end, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int from, int length) throws IOException {
    String t = text(header, from, length).strip();
    try {
      return t.isEmpty() ? 0 : Long.parseLong(t, 8);
    } catch (NumberFormatException e) {
      throw new IOException("not a tar archive");
    }
  }
}

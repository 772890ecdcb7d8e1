package opsplay.lab.openmldb;

import java.util.List;

/**
 * One ns_client run: the name server it talks to, whether it found it through ZooKeeper (only then
 * does {@code showns} work), the database it uses (empty: the legacy default) and the column cut.
 */
final class Session {
  final Model model;
  final String nameServer;
  final boolean viaZk;
  final int maxWidth;
  private String db = "";

  Session(Model model, String nameServer, boolean viaZk, int maxWidth) {
    this.model = model;
    this.nameServer = nameServer;
    this.viaZk = viaZk;
    this.maxWidth = maxWidth;
  }

  String db() {
    return db;
  }

  void db(String value) {
    db = value;
  }

  /** Whether a request reaches the leader name server (code 0), or why not. */
  Status reach() {
    return model.reach(nameServer);
  }

  String endpoint(String host) {
    return model.layout.tabletEndpoint(host);
  }

  TPrinter table(String... header) {
    return new TPrinter(List.of(header), maxWidth);
  }
}

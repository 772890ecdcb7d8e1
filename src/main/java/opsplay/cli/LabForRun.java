package opsplay.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import opsplay.lab.Lab;
import opsplay.lab.LabFolder;
import opsplay.lab.LabSettings;
import opsplay.load.LabHook;

/**
 * The lab an inventory's {@code lab:} key asks for, for one command: laid out in a fresh temporary
 * folder while loading (so lint and list know its hosts), started by run and check before the
 * first play, stopped and removed when the command ends. Every command gets a fresh lab.
 */
final class LabForRun implements LabHook, AutoCloseable {
  private final Environment env;
  private Path folder;
  private Lab lab;

  LabForRun(Environment env) {
    this.env = env;
  }

  @Override
  public Path inventory(Map<String, Object> settings) {
    LabSettings parsed = LabSettings.of(settings);
    try {
      folder = Files.createTempDirectory("opsplay-lab-");
      lab = Lab.prepare(parsed, folder, env.labKinds(), env.labSql(),
          "started by an opsplay command for its inventory's lab: key; it stops when that command ends");
      return lab.inventory();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** Starts the lab, if the inventory asked for one; false (and says why) when it cannot. */
  boolean start() {
    if (lab == null) return true;
    try {
      lab.start();
    } catch (IOException | RuntimeException e) {
      env.err().println("opsplay: cannot start the lab " + lab.id() + ": " + e.getMessage());
      return false;
    }
    env.err().println("opsplay: lab " + lab.id() + " started (" + lab.settings().kind() + ", "
        + lab.layout().hosts().size() + " hosts, speed " + lab.settings().speed() + "); it stops when this run ends");
    env.err().flush();
    return true;
  }

  @Override
  public void close() {
    if (lab != null) lab.close();
    if (folder != null) LabFolder.remove(folder);
  }
}

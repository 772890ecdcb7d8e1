package opsplay.load;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the Loader does with an inventory's {@code lab:} key: lay out the simulated cluster it asks
 * for and give the inventory of its hosts, which is read together with the others (so host
 * patterns and variable names are checked against the lab's hosts). The lab itself is started,
 * if at all, by the command after loading.
 */
public interface LabHook {
  /**
   * Called by the Loader at most once per load, on the thread that reads the inventories, with
   * the {@code lab:} mapping as written. Returns the lab's inventory file, or null to ignore the
   * key. Throws IllegalArgumentException when the settings are wrong (the message becomes a load
   * error at the key), UncheckedIOException when the lab's files cannot be written.
   */
  Path inventory(Map<String, Object> settings);

  /** Ignores {@code lab:} keys (their hosts stay unknown). */
  LabHook IGNORE = settings -> null;
}

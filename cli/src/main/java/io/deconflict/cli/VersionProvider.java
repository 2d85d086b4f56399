package io.deconflict.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Reads the version Maven wrote into {@code version.properties} at build time; every command names
 * it as its {@code versionProvider}.
 */
public final class VersionProvider implements IVersionProvider {

  /** A provider; picocli instantiates it. */
  public VersionProvider() {}

  @Override
  public String[] getVersion() {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new String[] {"deconflict " + properties.getProperty("version", "unknown")};
  }
}

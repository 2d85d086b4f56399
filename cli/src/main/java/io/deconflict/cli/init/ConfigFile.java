package io.deconflict.cli.init;

import io.deconflict.server.config.Configuration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the configuration file is, and how it is written: only its owner may read it, and a reader
 * never sees half a file.
 *
 * <p>The file holds no token, only SHA-256 hashes of tokens; it is still kept private because it
 * lists who may sign in.
 */
public final class ConfigFile {

  /** The environment variable naming the configuration file when no {@code --config} is given. */
  public static final String ENVIRONMENT_VARIABLE = "DECONFLICT_CONFIG";

  private ConfigFile() {}

  /**
   * The configuration file to use: {@code option} if given, else the file named by {@value
   * #ENVIRONMENT_VARIABLE}, else {@code deconflict.json} in the working directory.
   */
  public static Path resolve(@Nullable Path option, Map<String, String> environment) {
    if (option != null) {
      return option;
    }
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Path.of(fromEnvironment);
    }
    return Path.of(Configuration.FILE);
  }

  /**
   * Writes {@code text} to {@code file} with permissions {@code rw-------} where the file system
   * has POSIX permissions: first to a private temporary file beside it, then renamed over it, so
   * the file is either the old one or the whole new one. Creates missing parent directories.
   *
   * @param replace whether an existing file is replaced; if not, an existing file is left alone and
   *     {@link java.nio.file.FileAlreadyExistsException} is thrown
   * @throws IOException if the file cannot be written; the old file, if any, is then unchanged
   */
  public static void writePrivately(Path file, String text, boolean replace) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path directory = absolute.getParent();
    if (directory == null) {
      throw new IOException(file + " is not a file name");
    }
    Files.createDirectories(directory);
    Path temporary = Files.createTempFile(directory, ".deconflict-", ".tmp", ownerOnly(directory));
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      if (replace) {
        try {
          Files.move(
              temporary,
              absolute,
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        Files.move(temporary, absolute);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path directory) {
    if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    }
    return new FileAttribute<?>[0];
  }
}

package io.deconflict.server.metrics;

import io.deconflict.service.Application;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether the service is ready for traffic: not while it replays its journal, nor once its journal
 * failed, cannot be written, or the service is shutting down. Starts as "starting: replaying the
 * journal" and is told when the service serves ({@link #serving}). Thread-safe.
 */
public final class Readiness {

  private volatile @Nullable Application app;
  private volatile @Nullable Path journalFile;
  private volatile String notYet = "starting: replaying the journal";

  /** The service serves {@code app} from now on; its embedded journal, if any, is this file. */
  public void serving(Application app, @Nullable Path journalFile) {
    this.journalFile = journalFile;
    this.app = app;
  }

  /** The service is stopping: not ready any more, whatever the application says. */
  public void stopping() {
    notYet = "shutting down";
    app = null;
  }

  /** Why the service is not ready, or empty if it is. */
  public Optional<String> notReady() {
    Application a = app;
    if (a == null) {
      return Optional.of(notYet);
    }
    Optional<String> writes = a.notWritable();
    if (writes.isPresent()) {
      return writes;
    }
    Path file = journalFile;
    if (file != null && !Files.isWritable(file)) {
      return Optional.of("the journal " + file + " is not writable");
    }
    return Optional.empty();
  }
}

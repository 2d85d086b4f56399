package io.deconflict.tak;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up most listener tests share: a service with the default TAK settings on a fresh data
 * directory, listening on free ports, stopped after each test.
 */
abstract class ListenerTest {

  /** How long a test waits for what the listener sends. */
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path data;
  TakFixture tak;

  @BeforeEach
  void start() {
    tak = new TakFixture(data, s -> s);
  }

  @AfterEach
  void stop() {
    tak.close();
  }
}

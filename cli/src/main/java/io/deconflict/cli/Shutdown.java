package io.deconflict.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How a long-running command ({@code serve}, {@code demo}) stops: the first {@link #run} (from the
 * JVM's shutdown hook on SIGTERM or SIGINT, or from the command itself) closes what it runs, in
 * order, once; {@link #await} returns after that.
 */
public final class Shutdown implements Runnable {

  private final List<@Nullable AutoCloseable> resources;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  private Shutdown(List<@Nullable AutoCloseable> resources) {
    this.resources = resources;
  }

  /**
   * Registers a shutdown hook named {@code name} with {@code hooks} that closes {@code resources}
   * (null ones skipped) in the order given.
   */
  public static Shutdown register(
      Consumer<Thread> hooks, String name, @Nullable AutoCloseable... resources) {
    Shutdown s = new Shutdown(java.util.Arrays.asList(resources));
    hooks.accept(new Thread(s, name));
    return s;
  }

  /** Closes everything, the first time only; every call returns once it is closed. */
  @Override
  public void run() {
    try {
      if (closed.compareAndSet(false, true)) {
        for (AutoCloseable r : resources) {
          if (r != null) {
            try {
              r.close();
            } catch (Exception e) {
              System.err.println("error while stopping: " + e);
            }
          }
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  /** Waits until stopped; if this thread is interrupted, stops first. */
  public void await() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      run();
      Thread.currentThread().interrupt();
    }
  }
}

package io.deconflict.journal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** What callers of a journal's writer thread share: waiting for an append's answer. */
public final class Appends {

  private Appends() {}

  /**
   * Waits for the writer's answer to an append; an interrupt neither abandons nor duplicates it
   * (the append is in flight, its outcome must still be reported), and the interrupt is restored
   * after.
   *
   * @throws HeadMovedException if a conditional append was refused
   * @throws JournalException if the append failed
   */
  public static List<JournalRecord> await(CompletableFuture<List<JournalRecord>> result) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof HeadMovedException moved) {
            throw moved;
          }
          String message = cause == null ? e.toString() : cause.getMessage();
          throw new JournalException(message == null ? e.toString() : message, e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

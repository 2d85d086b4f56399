package io.deconflict.service;

/**
 * What the {@link Application}'s writer reports as it works, for metrics: how long each command
 * took to execute (detection for notifications, the live tracker for position reports) and how long
 * each durable commit took. Called on the writer thread: implementations must be quick and must not
 * call back into the application. The default methods do nothing.
 */
public interface WriterObserver {

  /** An observer that ignores everything. */
  WriterObserver NONE = new WriterObserver() {};

  /**
   * A command was executed against the state (accepted or refused), before its facts are written.
   *
   * @param commandType the command's journaled type, such as {@code item.notify}
   * @param nanos how long it took
   */
  default void executed(String commandType, long nanos) {}

  /**
   * A group commit was made durable.
   *
   * @param records how many journal records it wrote
   * @param nanos how long the journal's append (insert, hash chain, sync) took
   */
  default void committed(int records, long nanos) {}
}

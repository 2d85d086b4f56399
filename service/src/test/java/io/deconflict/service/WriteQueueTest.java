package io.deconflict.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The writer's lanes and turns, without a writer: what each take gives, in order. */
class WriteQueueTest {

  /** A queued command: who sent it, its bulk reports (0: interactive), a name. */
  record Cmd(String by, int reports, String name) {}

  static WriteQueue<Cmd> queue(int maxCommands, int budget) {
    return new WriteQueue<>(maxCommands, budget, Cmd::by, Cmd::reports);
  }

  static List<String> take(WriteQueue<Cmd> q) throws InterruptedException {
    List<String> out = new ArrayList<>();
    q.take(0, TimeUnit.MILLISECONDS).forEach(c -> out.add(c.name()));
    return out;
  }

  @Test
  void interactiveCommandsQueuedAfterBulkBatchesGoFirst() throws InterruptedException {
    WriteQueue<Cmd> q = queue(1024, 2048);
    q.add(new Cmd("alpha", 2000, "alpha-bulk-1"));
    q.add(new Cmd("alpha", 2000, "alpha-bulk-2"));
    q.add(new Cmd("bravo", 0, "bravo-ack"));
    q.add(new Cmd("charlie", 0, "charlie-one-report"));
    assertThat(take(q)).containsExactly("bravo-ack", "charlie-one-report", "alpha-bulk-1");
    assertThat(take(q)).containsExactly("alpha-bulk-2");
    assertThat(take(q)).isEmpty();
    assertThat(q.size()).isZero();
  }

  @Test
  void bulkBatchesTakeTurnsByMemberSoOnesLoadDelaysOnlyItself() throws InterruptedException {
    WriteQueue<Cmd> q = queue(1024, 3000);
    for (int i = 1; i <= 4; i++) {
      q.add(new Cmd("alpha", 1000, "alpha-" + i));
    }
    q.add(new Cmd("bravo", 1000, "bravo-1"));
    q.add(new Cmd("charlie", 1000, "charlie-1"));
    q.add(new Cmd("bravo", 1000, "bravo-2"));
    assertThat(take(q)).containsExactly("alpha-1", "bravo-1", "charlie-1");
    assertThat(take(q)).containsExactly("alpha-2", "bravo-2", "alpha-3");
    assertThat(take(q)).containsExactly("alpha-4");
  }

  @Test
  void aBatchLargerThanTheBudgetGoesAloneAndTheCommandBoundStillLetsOneBatchThrough()
      throws InterruptedException {
    WriteQueue<Cmd> q = queue(2, 100);
    q.add(new Cmd("alpha", 5000, "alpha-huge"));
    q.add(new Cmd("bravo", 10, "bravo-small"));
    assertThat(take(q)).containsExactly("alpha-huge");
    q.add(new Cmd("x", 0, "x-1"));
    q.add(new Cmd("x", 0, "x-2"));
    q.add(new Cmd("x", 0, "x-3"));
    // interactive commands fill the command bound; one bulk batch still goes (no starvation)
    assertThat(take(q)).containsExactly("x-1", "x-2", "bravo-small");
    assertThat(take(q)).containsExactly("x-3");
  }

  @Test
  void commandsPutBackPastTheByteBoundGoFirstInTheirLanesInOrder() throws InterruptedException {
    WriteQueue<Cmd> q = queue(1024, 10_000);
    q.add(new Cmd("alpha", 100, "alpha-1"));
    q.add(new Cmd("bravo", 100, "bravo-1"));
    q.add(new Cmd("x", 0, "x-1"));
    q.add(new Cmd("x", 0, "x-2"));
    List<Cmd> taken = q.take(0, TimeUnit.MILLISECONDS);
    assertThat(taken).extracting(Cmd::name).containsExactly("x-1", "x-2", "alpha-1", "bravo-1");
    q.add(new Cmd("x", 0, "x-3"));
    q.add(new Cmd("bravo", 100, "bravo-2"));
    // the commit took x-1 only; the rest comes back before anything queued since
    q.putBack(taken.subList(1, taken.size()));
    assertThat(q.size()).isEqualTo(5);
    assertThat(take(q)).containsExactly("x-2", "x-3", "alpha-1", "bravo-1", "bravo-2");
  }

  @Test
  void drainGivesEverythingWaiting() {
    WriteQueue<Cmd> q = queue(1024, 10);
    q.add(new Cmd("alpha", 100, "alpha-1"));
    q.add(new Cmd("x", 0, "x-1"));
    assertThat(q.drain()).extracting(Cmd::name).containsExactlyInAnyOrder("alpha-1", "x-1");
    assertThat(q.size()).isZero();
  }
}

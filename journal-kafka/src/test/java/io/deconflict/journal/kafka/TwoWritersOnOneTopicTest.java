package io.deconflict.journal.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deconflict.journal.Entry;
import io.deconflict.journal.HeadMovedException;
import io.deconflict.journal.JournalRecord;
import io.deconflict.journal.Verification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two journals on one topic, each with a producer of its own (as two service processes would have),
 * appending at the same time: they take turns as the one writer Kafka lets commit under the shared
 * transactional id, and the chain never forks (D27).
 */
class TwoWritersOnOneTopicTest {

  private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

  /**
   * Regression: a writer fenced by another kept its stale head, and refused every conditional
   * append after the head its caller had read (the caller retried forever).
   */
  @Test
  void aFencedWriterReadsTheHeadAnewForAConditionalAppend() {
    KafkaJournalSettings settings = KafkaBroker.newJournal();
    try (KafkaJournal a = KafkaJournal.open(settings);
        KafkaJournal b = KafkaJournal.open(settings)) {
      assertThat(a.appendAfter(0, List.of(entry("a1"))))
          .extracting(JournalRecord::seq)
          .containsExactly(1L);
      assertThat(b.appendAfter(1, List.of(entry("b2"))))
          .extracting(JournalRecord::seq)
          .containsExactly(2L);

      assertThat(a.appendAfter(2, List.of(entry("a3"))))
          .extracting(JournalRecord::seq)
          .containsExactly(3L);
      assertThatThrownBy(() -> b.appendAfter(2, List.of(entry("b3"))))
          .isInstanceOf(HeadMovedException.class);
      assertThat(a.lastSeq()).isEqualTo(3);
      assertThat(KafkaJournal.verify(settings, r -> {}).ok()).isTrue();
    }
  }

  @Test
  void twoWritersAppendingAtOnceNeverForkTheChain() throws Exception {
    KafkaJournalSettings settings = KafkaBroker.newJournal();
    int threadsPerWriter = 2;
    int callsPerThread = 12;
    try (KafkaJournal a = KafkaJournal.open(settings);
        KafkaJournal b = KafkaJournal.open(settings)) {
      ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerWriter);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<JournalRecord>>> futures = new ArrayList<>();
      try {
        for (int t = 0; t < 2 * threadsPerWriter; t++) {
          KafkaJournal journal = t % 2 == 0 ? a : b;
          String writer = (t % 2 == 0 ? "a" : "b") + t;
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    List<JournalRecord> acknowledged = new ArrayList<>();
                    for (int call = 0; call < callsPerThread; call++) {
                      List<Entry> entries = new ArrayList<>();
                      for (int i = 0; i <= call % 3; i++) {
                        entries.add(entry(writer + "-" + call + "-" + i));
                      }
                      List<JournalRecord> records = journal.append(entries);
                      assertThat(records).extracting(JournalRecord::entry).isEqualTo(entries);
                      acknowledged.addAll(records);
                    }
                    return acknowledged;
                  }));
        }
        start.countDown();
        List<JournalRecord> acknowledged = new ArrayList<>();
        for (Future<List<JournalRecord>> future : futures) {
          acknowledged.addAll(future.get(120, TimeUnit.SECONDS));
        }
        acknowledged.sort(Comparator.comparingLong(JournalRecord::seq));

        List<JournalRecord> stored = new ArrayList<>();
        Verification verification = KafkaJournal.verify(settings, stored::add);
        assertThat(verification.ok()).as("%s", verification).isTrue();
        assertThat(stored)
            .as("every acknowledged record, once, where it was said to be")
            .isEqualTo(acknowledged);
        assertThat(a.lastSeq()).isEqualTo(b.lastSeq()).isEqualTo(acknowledged.size());
        System.out.printf(
            "%d appends by two writers: %d and %d registrations%n",
            2 * threadsPerWriter * callsPerThread,
            a.writerRegistrations(),
            b.writerRegistrations());
        assertThat(a.writerRegistrations() + b.writerRegistrations())
            .as("the writers took turns, fencing each other")
            .isGreaterThan(2);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aWriterFencedByAnotherChainsOntoItsRecords() {
    KafkaJournalSettings settings = KafkaBroker.newJournal();
    try (KafkaJournal a = KafkaJournal.open(settings);
        KafkaJournal b = KafkaJournal.open(settings)) {
      JournalRecord first = a.append(List.of(entry("a-1"))).get(0);
      JournalRecord second = b.append(List.of(entry("b-1"))).get(0); // fences a
      JournalRecord third = a.append(List.of(entry("a-2"))).get(0); // fenced: registers again

      assertThat(second.seq()).isEqualTo(2);
      assertThat(second.previousHash()).isEqualTo(first.hash());
      assertThat(third.seq()).isEqualTo(3);
      assertThat(third.previousHash()).isEqualTo(second.hash());
      assertThat(a.writerRegistrations()).isEqualTo(2);
      assertThat(KafkaJournal.verify(settings, r -> {}).recordsChecked()).isEqualTo(3);
    }
  }

  private static Entry entry(String name) {
    return new Entry(T0, "test.event", ("{\"n\":\"" + name + "\"}").getBytes(UTF_8));
  }
}

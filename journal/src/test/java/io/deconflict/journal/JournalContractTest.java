package io.deconflict.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Journal}, run against every implementation: subclasses say how to open
 * one.
 */
public abstract class JournalContractTest {

  /** A time with every nanosecond digit used, so that truncation would show. */
  protected static final Instant T0 = Instant.parse("2025-03-01T08:00:00.123456789Z");

  private final List<Journal> opened = new ArrayList<>();

  /**
   * Opens the journal under test: on a test's first call, a new and empty journal; on later calls,
   * the same journal again. Callers close the previous instance before opening again.
   */
  protected abstract Journal openJournal();

  /** {@link #openJournal()}, closed after the test. */
  protected final Journal open() {
    Journal journal = openJournal();
    opened.add(journal);
    return journal;
  }

  @AfterEach
  void closeJournals() {
    opened.forEach(Journal::close);
  }

  /** An entry whose payload names {@code n}. */
  protected static Entry entry(int n) {
    return new Entry(T0.plusMillis(n), "test.event", ("{\"n\":" + n + "}").getBytes(UTF_8));
  }

  protected static List<JournalRecord> readAll(Journal journal, long fromSeq) {
    List<JournalRecord> records = new ArrayList<>();
    journal.read(fromSeq, records::add);
    return records;
  }

  @Test
  void anEmptyJournalHasNoRecords() {
    Journal journal = open();

    assertThat(journal.lastSeq()).isZero();
    assertThat(readAll(journal, 0)).isEmpty();
    assertThat(readAll(journal, 1)).isEmpty();
  }

  @Test
  void appendReturnsTheEntriesAsRecordsNumberedFromOne() {
    Journal journal = open();
    List<Entry> entries = List.of(entry(1), entry(2), entry(3));

    List<JournalRecord> records = journal.append(entries);

    assertThat(records).extracting(JournalRecord::seq).containsExactly(1L, 2L, 3L);
    assertThat(records).extracting(JournalRecord::entry).isEqualTo(entries);
    assertThat(records.get(0).time()).isEqualTo(T0.plusMillis(1));
    assertThat(journal.lastSeq()).isEqualTo(3);
    assertThat(readAll(journal, 1)).isEqualTo(records);
  }

  @Test
  void readReturnsRecordsInOrderFromTheGivenSeq() {
    Journal journal = open();
    for (int n = 1; n <= 10; n += 2) {
      journal.append(List.of(entry(n), entry(n + 1)));
    }

    assertThat(readAll(journal, 0)).extracting(JournalRecord::seq).containsExactly(seqs(1, 10));
    assertThat(readAll(journal, 1)).extracting(JournalRecord::seq).containsExactly(seqs(1, 10));
    assertThat(readAll(journal, 2)).extracting(JournalRecord::seq).containsExactly(seqs(2, 10));
    assertThat(readAll(journal, 7)).extracting(JournalRecord::seq).containsExactly(seqs(7, 10));
    assertThat(readAll(journal, 10)).extracting(JournalRecord::seq).containsExactly(10L);
    assertThat(readAll(journal, 11)).isEmpty();
    assertThat(readAll(journal, Long.MAX_VALUE)).isEmpty();
    assertThat(readAll(journal, 7).get(0).entry()).isEqualTo(entry(7));
  }

  @Test
  void readRejectsANegativeSeq() {
    Journal journal = open();

    assertThatThrownBy(() -> journal.read(-1, record -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void appendingNothingStoresNothing() {
    Journal journal = open();
    journal.append(List.of(entry(1)));

    assertThat(journal.append(List.of())).isEmpty();
    assertThat(journal.lastSeq()).isEqualTo(1);
  }

  @Test
  void appendAfterTheLastRecordAppendsFromTheNextSeq() {
    Journal journal = open();
    assertThat(journal.appendAfter(0, List.of(entry(1), entry(2))))
        .extracting(JournalRecord::seq)
        .containsExactly(1L, 2L);

    List<JournalRecord> records = journal.appendAfter(2, List.of(entry(3)));

    assertThat(records).extracting(JournalRecord::seq).containsExactly(3L);
    assertThat(readAll(journal, 1)).extracting(JournalRecord::seq).containsExactly(1L, 2L, 3L);
    assertThat(journal.appendAfter(3, List.of())).isEmpty();
  }

  @Test
  void appendAfterAStaleHeadStoresNothingAndSaysWhereTheHeadIs() {
    Journal journal = open();
    journal.appendAfter(0, List.of(entry(1)));
    journal.append(List.of(entry(2), entry(3))); // another writer's

    assertThatThrownBy(() -> journal.appendAfter(1, List.of(entry(4), entry(5))))
        .isInstanceOfSatisfying(
            HeadMovedException.class,
            e -> {
              assertThat(e.expectedLastSeq()).isEqualTo(1);
              assertThat(e.actualLastSeq()).isEqualTo(3);
            })
        .hasMessageContaining("nothing was stored");
    assertThatThrownBy(() -> journal.appendAfter(4, List.of(entry(4))))
        .isInstanceOf(HeadMovedException.class);
    assertThat(journal.lastSeq()).isEqualTo(3);
    assertThat(readAll(journal, 1)).hasSize(3);
    assertThat(journal.appendAfter(3, List.of(entry(4))))
        .extracting(JournalRecord::seq)
        .containsExactly(4L);
    assertThatThrownBy(() -> journal.appendAfter(-1, List.of(entry(5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void concurrentConditionalAppendsNeverStoreTwoAfterTheSameHead() throws Exception {
    Journal journal = open();
    int threads = 4;
    int perThread = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> won = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        won.add(
            pool.submit(
                () -> {
                  List<Long> mine = new ArrayList<>();
                  for (int i = 0; mine.size() < perThread; i++) {
                    long head = journal.lastSeq();
                    try {
                      mine.add(
                          journal
                              .appendAfter(head, List.of(entry(thread * 1000 + i)))
                              .get(0)
                              .seq());
                    } catch (HeadMovedException e) {
                      assertThat(e.actualLastSeq()).isGreaterThan(head);
                    }
                  }
                  return mine;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : won) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      Collections.sort(all);
      assertThat(all)
          .containsExactlyElementsOf(
              LongStream.rangeClosed(1, threads * perThread).boxed().toList());
      assertThat(readAll(journal, 1)).hasSize(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void hashesFollowTheDocumentedEncodingAndChain() {
    Journal journal = open();
    journal.append(List.of(entry(1)));
    journal.append(List.of(entry(2), new Entry(Instant.EPOCH, "ü.type", new byte[0])));
    journal.append(List.of(new Entry(Instant.ofEpochSecond(-5, 7), "x", new byte[70_000])));

    byte[] previous = new byte[32];
    for (JournalRecord record : readAll(journal, 1)) {
      assertThat(record.previousHash()).as("record %d", record.seq()).isEqualTo(previous);
      assertThat(record.hash()).as("record %d", record.seq()).isEqualTo(referenceHash(record));
      assertThat(record.hashMatches()).isTrue();
      previous = record.hash();
    }
  }

  @Test
  void reopeningKeepsEverythingAndContinuesTheChain() {
    Journal journal = open();
    List<JournalRecord> before = journal.append(List.of(entry(1), entry(2), entry(3)));
    journal.close();

    Journal again = open();
    assertThat(again.lastSeq()).isEqualTo(3);
    assertThat(readAll(again, 1)).isEqualTo(before);
    JournalRecord next = again.append(List.of(entry(4))).get(0);

    assertThat(next.seq()).isEqualTo(4);
    assertThat(next.previousHash()).isEqualTo(before.get(2).hash());
    assertThat(readAll(again, 1)).hasSize(4);
  }

  @Test
  void concurrentAppendsFromEightThreadsAreAllDurableAndTotallyOrdered() throws Exception {
    int threads = 8;
    int callsPerThread = 30;
    Journal journal = open();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<List<JournalRecord>>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  List<List<JournalRecord>> calls = new ArrayList<>();
                  for (int call = 0; call < callsPerThread; call++) {
                    int size = 1 + call % 3;
                    List<Entry> entries = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                      entries.add(entry(thread * 100_000 + call * 10 + i));
                    }
                    List<JournalRecord> records = journal.append(entries);
                    assertThat(records).extracting(JournalRecord::entry).isEqualTo(entries);
                    calls.add(records);
                  }
                  return calls;
                }));
      }
      start.countDown();
      List<JournalRecord> acknowledged = new ArrayList<>();
      for (Future<List<List<JournalRecord>>> future : futures) {
        long previousSeq = 0;
        for (List<JournalRecord> call : future.get(60, TimeUnit.SECONDS)) {
          long first = call.get(0).seq();
          assertThat(call)
              .as("one call's records are consecutive")
              .extracting(JournalRecord::seq)
              .containsExactly(seqs(first, first + call.size() - 1));
          assertThat(first)
              .as("a thread's calls are stored in call order")
              .isGreaterThan(previousSeq);
          previousSeq = first;
          acknowledged.addAll(call);
        }
      }
      acknowledged.sort((a, b) -> Long.compare(a.seq(), b.seq()));
      int total = threads * callsPerThread * 2; // sizes 1, 2, 3 repeating: 2 on average
      assertThat(acknowledged).extracting(JournalRecord::seq).containsExactly(seqs(1, total));

      journal.close();
      Journal again = open();
      List<JournalRecord> stored = readAll(again, 1);
      assertThat(stored).isEqualTo(acknowledged);
      for (int i = 1; i < stored.size(); i++) {
        assertThat(stored.get(i).previousHash()).isEqualTo(stored.get(i - 1).hash());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void seededRandomBatchesReadBackExactlyAsAppended() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    Journal journal = open();
    List<Entry> model = new ArrayList<>();

    for (int call = 0; call < 40; call++) {
      List<Entry> batch = new ArrayList<>();
      int size = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 5);
      for (int i = 0; i < size; i++) {
        byte[] payload = new byte[random.nextInt(10) == 0 ? random.nextInt(20_000) : 20];
        random.nextBytes(payload);
        Instant time = Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
        batch.add(new Entry(time, "random." + random.nextInt(1000), payload));
      }
      journal.append(batch);
      model.addAll(batch);
    }
    int from = 1 + random.nextInt(model.size());

    assertThat(readAll(journal, 1))
        .as("seed %d", seed)
        .extracting(JournalRecord::entry)
        .isEqualTo(model);
    assertThat(readAll(journal, from))
        .as("seed %d, from %d", seed, from)
        .extracting(JournalRecord::entry)
        .isEqualTo(model.subList(from - 1, model.size()));
  }

  @Test
  void aSinkMayAppendWhileReading() {
    Journal journal = open();
    journal.append(List.of(entry(1), entry(2)));
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());

    journal.read(1, record -> seen.add(journal.append(List.of(entry(10))).get(0).seq()));

    assertThat(seen).containsExactly(3L, 4L);
    assertThat(journal.lastSeq()).isEqualTo(4);
  }

  @Test
  void recordsAndEntriesAreCopiesTheCallerCannotChange() {
    Journal journal = open();
    byte[] payload = "{\"n\":1}".getBytes(UTF_8);
    Entry entry = new Entry(T0, "test.event", payload);
    payload[0] = 'X';
    JournalRecord record = journal.append(List.of(entry)).get(0);
    record.payload()[0] = 'Y';
    record.hash()[0] ^= 1;

    JournalRecord stored = readAll(journal, 1).get(0);
    assertThat(new String(stored.payload(), UTF_8)).isEqualTo("{\"n\":1}");
    assertThat(stored).isEqualTo(record);
    assertThat(stored.hashMatches()).isTrue();
  }

  @Test
  void aClosedJournalRefusesEverything() {
    Journal journal = open();
    journal.append(List.of(entry(1)));
    journal.close();
    journal.close(); // idempotent

    assertThatThrownBy(() -> journal.append(List.of(entry(2))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> journal.appendAfter(1, List.of(entry(2))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(journal::lastSeq).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> journal.read(1, record -> {}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void entriesAreValidated() {
    byte[] none = new byte[0];
    assertThatThrownBy(() -> new Entry(T0, " ", none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> new Entry(T0, "", none)).hasMessageContaining("blank");
    assertThatThrownBy(() -> new Entry(T0, "a".repeat(101), none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 100", "101");
    assertThatThrownBy(() -> new Entry(T0, "movement\nnotified", none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control");
    assertThatThrownBy(() -> new Entry(T0, "bad\uD800", none))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");

    Journal journal = open();
    Entry longest = new Entry(T0, "é".repeat(100), none);
    assertThat(journal.append(List.of(longest)).get(0).entry()).isEqualTo(longest);
    assertThat(readAll(journal, 1).get(0).type()).isEqualTo("é".repeat(100));
  }

  /** The hash as {@link JournalRecord} documents it, computed independently. */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // the encoding has both halves
  protected static byte[] referenceHash(JournalRecord record) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes); // big-endian
      out.writeLong(record.seq());
      out.writeLong(record.time().getEpochSecond());
      out.writeInt(record.time().getNano());
      byte[] type = record.type().getBytes(UTF_8);
      out.writeInt(type.length);
      out.write(type);
      out.writeInt(record.payload().length);
      out.write(record.payload());
      out.write(record.previousHash());
      return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  protected static Long[] seqs(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toArray(Long[]::new);
  }
}

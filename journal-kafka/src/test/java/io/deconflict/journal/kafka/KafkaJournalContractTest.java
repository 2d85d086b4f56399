package io.deconflict.journal.kafka;

import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalContractTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;

/** The contract of every journal, run against the Kafka journal on an in-process broker. */
class KafkaJournalContractTest extends JournalContractTest {

  private @Nullable KafkaJournalSettings settings;

  @BeforeEach
  void newTopic() {
    settings = KafkaBroker.newJournal();
  }

  @Override
  protected Journal openJournal() {
    KafkaJournalSettings s = settings;
    if (s == null) {
      throw new IllegalStateException("no topic");
    }
    return KafkaJournal.open(s);
  }
}

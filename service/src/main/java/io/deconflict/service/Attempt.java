package io.deconflict.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.deconflict.journal.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One execution of a batch of commands by the application's writer: the facts to journal, and each
 * command's answer (a reply, or why it was refused). On a journal shared by several nodes an
 * attempt can be thrown away (another node appended first) and the same commands executed again.
 *
 * <p>Not thread-safe: the writer's.
 *
 * @param <P> a queued command
 */
final class Attempt<P> {

  final List<P> batch = new ArrayList<>();
  final List<Entry> entries = new ArrayList<>();
  final List<Fact> facts = new ArrayList<>();
  final List<Instant> times = new ArrayList<>();
  final List<@Nullable JsonNode> replies = new ArrayList<>();
  final List<@Nullable RuntimeException> refusals = new ArrayList<>();
  long bytes;

  /** The command was executed: its reply. */
  void replied(JsonNode reply) {
    replies.add(reply);
    refusals.add(null);
  }

  /** The command was refused (nothing of it is in {@link #entries}). */
  void refused(RuntimeException why) {
    replies.add(null);
    refusals.add(why);
  }

  /** Answers every command refused, each through its future. */
  void answerRefusals(List<CompletableFuture<JsonNode>> futures) {
    for (int i = 0; i < futures.size(); i++) {
      RuntimeException why = refusals.get(i);
      if (why != null) {
        futures.get(i).completeExceptionally(why);
      }
    }
  }
}

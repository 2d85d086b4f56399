package io.deconflict.service.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import io.deconflict.service.party.Party;
import io.deconflict.service.snapshot.MalformedStateException;
import io.deconflict.service.snapshot.StateIn;
import io.deconflict.service.snapshot.StateOut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The hotline: a thread per conflict ({@code conflict:cf-12}) and a standing channel per pair of
 * parties ({@code pair:ru:us}, ids in alphabetical order). A message is free text or a coded
 * message from the shared vocabulary, rendered in each reader's language.
 *
 * <p>Not thread-safe; owned by the state machine ({@code Deconfliction}), whose dispatch alone
 * posts.
 */
public final class Hotline {

  private final Directory directory;
  private final Map<String, List<ObjectNode>> threads = new HashMap<>();
  private long next = 1;

  /** No messages yet, between these parties. */
  public Hotline(Directory directory) {
    this.directory = directory;
  }

  /** Writes every thread's messages, threads by name, and the message counter. */
  public void writeTo(StateOut out) {
    out.int64(next);
    Map<String, List<ObjectNode>> sorted = new TreeMap<>(threads);
    out.int32(sorted.size());
    sorted.forEach(
        (name, messages) -> {
          out.text(name).int32(messages.size());
          messages.forEach(out::json);
        });
  }

  /**
   * Reads what {@link #writeTo} wrote into this empty hotline.
   *
   * @throws MalformedStateException if it is not what {@link #writeTo} writes
   */
  public void readFrom(StateIn in) {
    next = in.int64();
    int n = in.count();
    for (int i = 0; i < n; i++) {
      String name = in.text();
      int size = in.count();
      List<ObjectNode> messages = new ArrayList<>(size);
      for (int k = 0; k < size; k++) {
        messages.add(in.object());
      }
      threads.put(name, messages);
    }
  }

  /**
   * A message as posted.
   *
   * @param result what the service added to it: id, thread, sender, party and time
   * @param parties the parties of the thread, who are told of it
   */
  public record Posted(ObjectNode result, Set<String> parties) {}

  /**
   * Posts a message ({@code hotline.post}): free text or a coded message, exactly one.
   *
   * @throws ServiceException if it is refused; then nothing changed
   */
  public Posted post(
      Member member,
      String thread,
      Optional<String> text,
      Optional<CodedMessage> coded,
      Instant now,
      Function<String, Optional<Set<String>>> conflictParties) {
    if (!member.isOperator() && !member.role().acts()) {
      throw ServiceException.forbidden("observers read the hotline; officers and commanders write");
    }
    Set<String> parties = visibleThread(member, thread, conflictParties);
    ObjectNode message = Json.object();
    text.ifPresent(t -> message.put("text", t));
    coded.ifPresent(c -> message.setAll(c.toJson()));
    String id = "msg-" + next++;
    ObjectNode result =
        Json.object()
            .put("id", id)
            .put("thread", thread)
            .put("from", member.id())
            .put("party", member.party())
            .put("at", now.toString());
    ObjectNode stored = result.deepCopy();
    stored.setAll(message);
    threads.computeIfAbsent(thread, k -> new ArrayList<>()).add(stored);
    return new Posted(result, parties);
  }

  /** The thread's messages, oldest first, coded ones rendered in {@code language}. */
  public List<ObjectNode> messages(
      Member viewer,
      String thread,
      Language language,
      Function<String, Optional<Set<String>>> conflictParties) {
    visibleThread(viewer, thread, conflictParties);
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode m : threads.getOrDefault(thread, List.of())) {
      out.add(render(m, language));
    }
    return out;
  }

  /**
   * The message a journaled {@code hotline.post} carries: what the service added (id, thread,
   * sender, time) with the text or the code and parameters that were posted. Readers of the event
   * stream (HTTP and TAK) show it as {@link #render} does.
   */
  public static ObjectNode message(JsonNode posted) {
    ObjectNode message = posted.path("result").deepCopy();
    for (String field : List.of("text", "code", "params")) {
      if (posted.has(field)) {
        message.set(field, posted.get(field));
      }
    }
    return message;
  }

  /** A message as a reader in {@code language} sees it: coded messages get {@code rendered}. */
  public static ObjectNode render(JsonNode message, Language language) {
    ObjectNode out = ((ObjectNode) message).deepCopy();
    if (message.has("code")) {
      CodedMessage coded = CodedMessage.parse(message.get("code").asText(), message.path("params"));
      out.put("rendered", Vocabulary.render(coded, language));
      out.put("language", language.tag());
      out.put("rightToLeft", language.rightToLeft());
    }
    return out;
  }

  /** The threads a member may read: its pair channels, then conflict threads with messages. */
  public List<String> threads(
      Member viewer, Function<String, Optional<Set<String>>> conflictParties) {
    List<String> out = new ArrayList<>();
    for (Party a : directory.parties()) {
      for (Party b : directory.parties()) {
        if (a.id().compareTo(b.id()) < 0
            && (viewer.isOperator()
                || a.id().equals(viewer.party())
                || b.id().equals(viewer.party()))) {
          out.add("pair:" + a.id() + ":" + b.id());
        }
      }
    }
    List<String> conflictThreads = new ArrayList<>();
    for (String t : threads.keySet()) {
      if (t.startsWith("conflict:")) {
        Optional<Set<String>> ps = conflictParties.apply(t.substring("conflict:".length()));
        if (ps.isPresent() && (viewer.isOperator() || ps.get().contains(viewer.party()))) {
          conflictThreads.add(t);
        }
      }
    }
    conflictThreads.sort(null);
    out.addAll(conflictThreads);
    return out;
  }

  private Set<String> visibleThread(
      Member member, String thread, Function<String, Optional<Set<String>>> conflictParties) {
    Set<String> parties;
    if (thread.startsWith("pair:")) {
      String[] p = thread.split(":", -1);
      if (p.length != 3
          || p[1].compareTo(p[2]) >= 0
          || directory.party(p[1]).isEmpty()
          || directory.party(p[2]).isEmpty()) {
        throw ServiceException.notFound("thread " + thread);
      }
      parties = new TreeSet<>(List.of(p[1], p[2]));
    } else if (thread.startsWith("conflict:")) {
      parties =
          conflictParties
              .apply(thread.substring("conflict:".length()))
              .orElseThrow(() -> ServiceException.notFound("thread " + thread));
    } else {
      throw ServiceException.notFound("thread " + thread);
    }
    if (!member.isOperator() && !parties.contains(member.party())) {
      throw ServiceException.notFound("thread " + thread);
    }
    return parties;
  }
}

package io.deconflict.service.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.Journal;
import io.deconflict.journal.JournalRecord;
import io.deconflict.service.Application;
import io.deconflict.service.Event;
import io.deconflict.service.Json;
import io.deconflict.service.ServiceException;
import io.deconflict.service.Viewer;
import io.deconflict.service.party.Directory;
import io.deconflict.service.party.Member;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Function;

/**
 * The weekly reviews of agreements (issue 15, D42): for an agreement, an ISO week and a viewer (a
 * party of the agreement, or the operators), what the viewer was told during the week, summed up,
 * with the breaches of the agreement's terms flagged and proved by journal records. Computed from
 * the journal alone, from the facts the viewer's audience was told ({@link Viewer#told}, the rule
 * of its event stream) and nothing else, so a review never shows what another party did not share
 * with the viewer; a viewer that was never told of the agreement is answered as for an agreement
 * that does not exist.
 *
 * <p>Cost: one read of the journal from its first record to the end of the week, parsing the
 * records of the week and, before it, only those whose type carries state into the week ({@link
 * WeekFold#BEFORE_THE_WEEK}). A week over (the journal holds a record after it) is final, the
 * journal being append-only in time: its reviews are kept per agreement, week and viewer, the most
 * recently asked for, up to {@value #CACHED} of them and {@link #CACHED_BYTES} bytes of JSON.
 * Thread-safe.
 */
public final class Reviews {

  /** How many finished weeks' reviews are kept, at most. */
  public static final int CACHED = 256;

  /** How many bytes of JSON the kept reviews take, at most. */
  public static final long CACHED_BYTES = 64L << 20;

  /** Records read per call to the journal. */
  private static final int CHUNK = 10_000;

  private record Key(String agreement, IsoWeek week, Viewer viewer) {}

  private final Journal journal;
  private final Function<String, String> partyOf;

  /** Finished weeks' reviews as JSON text, least recently asked first (guarded by itself). */
  private final LinkedHashMap<Key, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true);

  /** The bytes the kept reviews take (guarded by the cache). */
  private long cachedBytes;

  /**
   * Reviews read from {@code journal}; members are named by their party as {@code directory} has
   * them (by their id if it no longer does).
   */
  public Reviews(Journal journal, Directory directory) {
    this(journal, directory::member);
  }

  /** As above, finding members with {@code members} (the directory of the moment). */
  public Reviews(Journal journal, Function<String, Optional<Member>> members) {
    this.journal = journal;
    this.partyOf = member -> members.apply(member).map(Member::party).orElse(member);
  }

  /**
   * Reads a week as given on the wire.
   *
   * @throws ServiceException (invalid, at {@code week}) quoting it if it is not an ISO week
   */
  public static IsoWeek week(String text) {
    try {
      return IsoWeek.parse(text);
    } catch (IllegalArgumentException e) {
      throw ServiceException.invalid("week", "week: " + e.getMessage());
    }
  }

  /**
   * The review of {@code agreement} for {@code week} as {@code viewer} was told of it, computed up
   * to the journal's last record, or up to the end of the week if the journal went past it; {@code
   * now} only says whether the week is over when the journal holds nothing after it yet.
   *
   * @throws ServiceException (not found) if the viewer was never told of the agreement (it does not
   *     exist, or the viewer's party is not one of its parties), or was told of none of its
   *     versions before the week ended
   */
  public ObjectNode review(String agreement, IsoWeek week, Viewer viewer, Instant now) {
    Key key = new Key(agreement, week, viewer);
    byte[] kept;
    synchronized (cache) {
      kept = cache.get(key);
    }
    if (kept != null) {
      return read(kept);
    }
    Instant from = week.from();
    Instant until = week.until();
    WeekFold fold = new WeekFold(agreement, week, viewer, partyOf);
    long last = journal.lastSeq();
    long position = 0;
    boolean over = false;
    for (long start = 1; start <= last && !over; start += CHUNK) {
      long[] reached = {position};
      boolean[] past = {false};
      journal.read(
          start,
          Math.min(last, start + CHUNK - 1),
          (JournalRecord rec) -> {
            if (past[0] || !rec.time().isBefore(until)) {
              past[0] = true;
              return;
            }
            reached[0] = rec.seq();
            if (rec.time().isBefore(from) && !WeekFold.BEFORE_THE_WEEK.contains(rec.type())) {
              return;
            }
            Event e = Application.toEvent(rec);
            if (viewer.told(e.audience())) {
              fold.apply(e, Ref.of(rec));
            }
          });
      position = reached[0];
      over = past[0];
    }
    if (!fold.known()) {
      Optional<Instant> recorded = firstTold(agreement, viewer, position + 1, last);
      if (recorded.isPresent()) {
        throw ServiceException.invalid(
            "week",
            "week: "
                + week
                + " is before agreement "
                + agreement
                + " was recorded ("
                + recorded.get()
                + ", in "
                + IsoWeek.of(recorded.get())
                + ")");
      }
      throw ServiceException.notFound("agreement " + agreement);
    }
    ObjectNode review = fold.toJson(position, over || !now.isBefore(until));
    if (over) {
      keep(key, Json.bytes(review));
    }
    return review;
  }

  /**
   * When the viewer was first told of a version of the agreement among the records {@code from} to
   * {@code to}, if it was: a week before that is answered as such, not as an unknown agreement.
   */
  private Optional<Instant> firstTold(String agreement, Viewer viewer, long from, long to) {
    Instant[] found = {null};
    if (from <= to) {
      journal.read(
          from,
          to,
          (JournalRecord rec) -> {
            if (found[0] == null && rec.type().startsWith("agreement.")) {
              Event e = Application.toEvent(rec);
              if (viewer.told(e.audience())
                  && e.body().path("result").path("id").asText().equals(agreement)) {
                found[0] = rec.time();
              }
            }
          });
    }
    return Optional.ofNullable(found[0]);
  }

  /** Keeps a final review, forgetting the least recently asked beyond the bounds. */
  private void keep(Key key, byte[] json) {
    synchronized (cache) {
      byte[] old = cache.put(key, json);
      cachedBytes += json.length - (old == null ? 0 : old.length);
      Iterator<byte[]> eldest = cache.values().iterator();
      while (eldest.hasNext() && (cache.size() > CACHED || cachedBytes > CACHED_BYTES)) {
        cachedBytes -= eldest.next().length;
        eldest.remove();
      }
    }
  }

  private static ObjectNode read(byte[] json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a kept review did not read back", e);
    }
  }
}

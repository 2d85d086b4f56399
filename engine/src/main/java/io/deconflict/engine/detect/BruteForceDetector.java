package io.deconflict.engine.detect;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictSearch;
import io.deconflict.engine.cpa.IntervalSink;
import io.deconflict.engine.item.Movement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference detector: every pair of held items goes through the exact kernels.
 *
 * <p>Cost: O(n) kernel evaluations per check, O(n²) for all conflicts. Not thread-safe.
 */
final class BruteForceDetector extends AbstractDetector {

  private final IntervalSink sink = new IntervalSink();

  @Override
  void index(Stored s) {}

  @Override
  void unindex(Stored s) {}

  @Override
  public ConflictSearch search(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    return ConflictSearch.whole(this::conflictsPairByPair);
  }

  @Override
  public List<String> near(Movement movement, Duration horizon) {
    requireHorizon(horizon);
    List<String> ids = new ArrayList<>();
    for (Stored other : held()) {
      if (!other.party.equals(movement.party()) && !other.id.equals(movement.id())) {
        ids.add(other.id);
      }
    }
    ids.sort(null);
    return ids;
  }

  @Override
  void conflictsOf(Stored s, String excludeId, long skipFrom, long skipTo, List<Conflict> out) {
    for (Stored other : held()) {
      if (other == s || other.id.equals(excludeId)) {
        continue;
      }
      if (other.seq >= skipFrom && other.seq < skipTo) {
        continue;
      }
      Pairs.evaluate(s, other, sink, out);
    }
  }
}

package io.deconflict.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.engine.conflict.Conflict;
import io.deconflict.engine.conflict.ConflictDelta;
import io.deconflict.engine.conflict.Detector;
import io.deconflict.engine.item.Item;
import io.deconflict.engine.reference.ScenarioGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The indexed detector must give exactly the brute-force detector's answers (equal records, not
 * merely within tolerance), on large scenarios on a road network and under random sequences of put,
 * replace, remove, putAll and check. Both must also keep their deltas consistent with {@link
 * Detector#conflicts()}.
 */
class BruteForceVersusIndexedTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {101, 102})
  void identicalOnALargeRoadNetwork(long seed) {
    ScenarioGenerator generator =
        new ScenarioGenerator(seed, ScenarioGenerator.regionOf(seed), 100_000, 25, true);
    List<Item> items = generator.items(300);
    Detector brute = Detectors.bruteForce();
    Detector indexed = Detectors.indexed();

    ConflictDelta bruteDelta = brute.putAll(items);
    ConflictDelta indexedDelta = indexed.putAll(items);

    assertThat(brute.conflicts())
        .as("seed %d: enough conflicts to be a test", seed)
        .hasSizeGreaterThan(100);
    assertThat(indexed.conflicts()).as("seed %d: conflicts", seed).isEqualTo(brute.conflicts());
    assertThat(indexedDelta).as("seed %d: putAll delta", seed).isEqualTo(bruteDelta);
    assertThat(indexedDelta.appeared())
        .as("seed %d: putAll delta", seed)
        .isEqualTo(indexed.conflicts());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {201, 202, 203})
  void identicalUnderIncrementalChanges(long seed) {
    ScenarioGenerator generator =
        new ScenarioGenerator(seed, ScenarioGenerator.regionOf(seed), 60_000, 15, true);
    Random random = generator.random();
    Map<String, Detector> detectors = new LinkedHashMap<>();
    detectors.put("bruteForce", Detectors.bruteForce());
    detectors.put("indexed", Detectors.indexed());
    Map<String, Set<Conflict>> mirrors = new LinkedHashMap<>();
    detectors.keySet().forEach(name -> mirrors.put(name, new HashSet<>()));
    List<String> ids = new ArrayList<>();
    int next = 0;

    for (int step = 0; step < 250; step++) {
      double r = step < 60 || ids.isEmpty() ? 0 : random.nextDouble();
      String what;
      Map<String, Object> results = new LinkedHashMap<>();
      if (r < 0.35) {
        Item item = generator.newItem(next++);
        ids.add(item.id());
        what = "put new " + item;
        detectors.forEach((name, d) -> results.put(name, d.put(item)));
      } else if (r < 0.65) {
        Item item = generator.item(ids.get(random.nextInt(ids.size())));
        what = "replace " + item;
        detectors.forEach((name, d) -> results.put(name, d.put(item)));
      } else if (r < 0.8) {
        String id = ids.remove(random.nextInt(ids.size()));
        what = "remove " + id;
        detectors.forEach((name, d) -> results.put(name, d.remove(id)));
      } else if (r < 0.9) {
        Item candidate =
            random.nextBoolean()
                ? generator.item(ids.get(random.nextInt(ids.size())))
                : generator.item("candidate");
        what = "check " + candidate;
        detectors.forEach((name, d) -> results.put(name, d.check(candidate)));
      } else {
        List<Item> batch = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 5; i++) {
          Item item;
          if (random.nextBoolean() && !ids.isEmpty()) {
            item = generator.item(ids.get(random.nextInt(ids.size())));
          } else {
            item = generator.newItem(next++);
            ids.add(item.id());
          }
          if (used.add(item.id())) {
            batch.add(item);
          }
        }
        what = "putAll " + batch;
        detectors.forEach((name, d) -> results.put(name, d.putAll(batch)));
      }

      String context = "seed " + seed + ", step " + step + " (" + what + ")";
      assertThat(results.get("indexed"))
          .as("%s: result", context)
          .isEqualTo(results.get("bruteForce"));
      for (Map.Entry<String, Detector> entry : detectors.entrySet()) {
        Object result = results.get(entry.getKey());
        Set<Conflict> mirror = Objects.requireNonNull(mirrors.get(entry.getKey()));
        if (result instanceof ConflictDelta delta) {
          for (Conflict c : delta.vanished()) {
            assertThat(mirror.remove(c))
                .as("%s, %s: vanished conflict was current: %s", context, entry.getKey(), c)
                .isTrue();
          }
          for (Conflict c : delta.appeared()) {
            assertThat(mirror.add(c))
                .as("%s, %s: appeared conflict was not current: %s", context, entry.getKey(), c)
                .isTrue();
          }
        }
        if (step % 10 == 9 || step == 249) {
          List<Conflict> conflicts = entry.getValue().conflicts();
          assertThat(conflicts)
              .as("%s, %s: order", context, entry.getKey())
              .isSortedAccordingTo(Conflict.ORDER);
          assertThat(new HashSet<>(conflicts))
              .as("%s, %s: deltas add up to conflicts()", context, entry.getKey())
              .isEqualTo(mirror);
          assertThat(entry.getValue().size())
              .as("%s, %s: size", context, entry.getKey())
              .isEqualTo(ids.size());
        }
      }
      if (step % 10 == 9 || step == 249) {
        assertThat(detectors.get("indexed").conflicts())
            .as("%s: conflicts", context)
            .isEqualTo(detectors.get("bruteForce").conflicts());
      }
    }
  }
}

package io.deconflict.service.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deconflict.journal.JournalRecord;
import io.deconflict.service.Json;

/**
 * A journal record named as proof: its sequence number, its chain hash (lowercase hex) and its
 * type, so that {@code deconflict audit verify} on the journal vouches for it.
 */
record Ref(long seq, String hash, String type) {

  static Ref of(JournalRecord rec) {
    return new Ref(rec.seq(), rec.hashHex(), rec.type());
  }

  ObjectNode toJson() {
    return Json.object().put("seq", seq).put("hash", hash).put("type", type);
  }
}

package io.deconflict.engine.live;

/**
 * Comparison of unit identities in {@code party + "/" + unit} order without building the strings.
 */
final class Keys {

  private Keys() {}

  /** Compares {@code p1/u1} with {@code p2/u2} as strings. */
  static int compare(String p1, String u1, String p2, String u2) {
    int n1 = p1.length() + 1 + u1.length();
    int n2 = p2.length() + 1 + u2.length();
    int n = Math.min(n1, n2);
    for (int i = 0; i < n; i++) {
      char c1 = charAt(p1, u1, i);
      char c2 = charAt(p2, u2, i);
      if (c1 != c2) {
        return c1 - c2;
      }
    }
    return n1 - n2;
  }

  private static char charAt(String party, String unit, int i) {
    int p = party.length();
    return i < p ? party.charAt(i) : (i == p ? '/' : unit.charAt(i - p - 1));
  }
}

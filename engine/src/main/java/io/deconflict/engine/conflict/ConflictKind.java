package io.deconflict.engine.conflict;

/** The pair of item kinds a conflict is between; its wire name is {@link #wireName()}. */
public enum ConflictKind {
  /** Two movements closer than the larger of their separations. */
  MOVEMENT_MOVEMENT("movement-movement"),
  /** A movement within a site's radius while the site is valid. */
  MOVEMENT_SITE("movement-site"),
  /** A movement inside a zone while the zone is valid. */
  MOVEMENT_ZONE("movement-zone");

  private final String wireName;

  ConflictKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON output, e.g. {@code movement-site}. */
  public String wireName() {
    return wireName;
  }
}

package io.deconflict.service.command;

/**
 * Reconfirms the member's party's site or zone ({@code item.reconfirm}, D36): its place and times
 * still stand, as notified. It restarts the reconfirmation period and restores a lapsed item.
 *
 * @param kind {@code site} or {@code zone} (another kind finds nothing)
 * @param id the item's id
 */
public record ReconfirmItem(String kind, String id) implements Command {

  /** The journaled type. */
  public static final String TYPE = "item.reconfirm";

  /** Checks that the ids are given. */
  public ReconfirmItem {
    Ids.requireText(kind, "/kind");
    Ids.requireText(id, "/id");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

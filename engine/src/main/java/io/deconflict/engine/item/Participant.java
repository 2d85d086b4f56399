package io.deconflict.engine.item;

/**
 * A party that travels with a joint movement's lead party from one waypoint to another (D39).
 *
 * <p>On the legs from waypoint {@code joinAt} to waypoint {@code leaveAt} the participant is part
 * of the movement: the movement does not conflict there with the participant's items. Before it
 * joins and after it leaves the movement is not the participant's, and conflicts with its items as
 * with anyone's.
 *
 * @param party the participating party, not the movement's lead
 * @param joinAt the index of the waypoint where it joins (the meeting point), &ge; 0
 * @param leaveAt the index of the waypoint where it leaves (the parting point), &gt; {@code joinAt}
 */
public record Participant(String party, int joinAt, int leaveAt) {

  /** Checks the party's name and that it joins before it leaves. */
  public Participant {
    Item.requireName(party, "participant party");
    if (joinAt < 0) {
      throw new IllegalArgumentException(
          "participant " + party + " joinAt must be at least 0, got " + joinAt);
    }
    if (leaveAt <= joinAt) {
      throw new IllegalArgumentException(
          "participant "
              + party
              + " must leave after it joins: leaveAt "
              + leaveAt
              + " is not after joinAt "
              + joinAt);
    }
  }
}

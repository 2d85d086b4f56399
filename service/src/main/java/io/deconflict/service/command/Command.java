package io.deconflict.service.command;

/**
 * A command to the service: what a member asked, checked for shape and range, not yet against the
 * state (who may do it, whether the object exists, which agreement applies). Every command is one
 * journaled type; {@link CommandCodec} reads and writes its journal body.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Command
    permits SetAgreement,
        SuspendAgreement,
        ResumeAgreement,
        NotifyItem,
        CancelItem,
        ReconfirmItem,
        AnswerParticipation,
        AcknowledgeAlert,
        DeconflictAlert,
        ReportPositions,
        PostMessage,
        RecordIncident,
        ReviseIncident,
        AccountIncident,
        RevokeTokens,
        RecordRefusedSignIn,
        Tick,
        ChangeSettings,
        DeclareFormation,
        FindConflict {

  /** The command's type as journaled, such as {@code item.notify}. */
  String type();
}

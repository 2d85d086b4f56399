package io.deconflict.service.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.deconflict.service.Deconfliction;
import io.deconflict.service.Defaults;
import io.deconflict.service.command.CommandCodec;
import io.deconflict.service.command.RevokeTokens;
import io.deconflict.service.party.Tokens;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A token an operator revoked stays revoked in a state restored from a snapshot. When the snapshot
 * branch and the token-revocation branch were merged, the snapshot had no section for the revoked
 * hashes: a restart from a snapshot would have let a revoked token sign in again.
 */
class RevocationSurvivesARestartFromASnapshotTest {

  @Test
  void aRevokedTokenIsStillRevokedAfterARestoreAndTheStateEncodesAlike() {
    Scene scene = new Scene();
    String revoked = Tokens.sha256("t-us");
    RevokeTokens revoke = new RevokeTokens("us-officer", List.of(revoked), Optional.of("lost"));
    scene.run("operator", RevokeTokens.TYPE, CommandCodec.encode(revoke));
    assertThat(scene.state.revoked(revoked)).isTrue();

    byte[] snapshot = scene.state.snapshot();
    Deconfliction restored =
        Deconfliction.restore(scene.state.directory(), Defaults.STANDARD, snapshot);

    assertThat(restored.revoked(revoked)).isTrue();
    assertThat(restored.revoked(Tokens.sha256("t-ru"))).isFalse();
    assertThat(restored.snapshot()).isEqualTo(snapshot);
  }
}

package io.connectops.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import io.connectops.model.ResourceId;
import io.connectops.ownership.MarkerOwnership;
import io.connectops.ownership.Owner;
import io.connectops.testing.InMemoryConnect;
import org.junit.jupiter.api.Test;

/** The write gate's rule, kind by kind and owner by owner, and that a gated Connect sends nothing it refuses. */
class WriteGateTest {
    static final ResourceId OURS = ResourceId.connector("c", "ours");
    static final ResourceId THEIRS = ResourceId.connector("c", "theirs");
    static final ResourceId NOBODYS = ResourceId.connector("c", "nobodys");
    static final ResourceId UNKNOWN = ResourceId.connector("c", "unknown");
    static final ResourceId UNDECLARED = ResourceId.connector("c", "undeclared");

    static WriteGate gate() {
        return WriteGate.of(Map.of(OURS, Owner.CONNECTOPS, THEIRS, Owner.other("team-b"), NOBODYS, Owner.NONE,
                UNKNOWN, Owner.unknown("the record cannot be read"), UNDECLARED, Owner.NONE), List.of(OURS, THEIRS, NOBODYS, UNKNOWN));
    }

    @Test
    void connectopsOwnResourceTakesEveryWrite() {
        WriteGate gate = gate();
        for (WriteKind kind : WriteKind.values()) {
            assertTrue(gate.check(OURS, kind).allowed(), kind.name());
        }
    }

    @Test
    void anotherOwnersResourceTakesNoWriteAtAllEvenWhenDeclared() {
        WriteGate gate = gate();
        for (WriteKind kind : WriteKind.values()) {
            WriteGate.Verdict verdict = gate.check(THEIRS, kind);
            assertFalse(verdict.allowed(), kind.name());
            assertTrue(verdict.reason().contains("owner 'team-b'") && verdict.reason().contains(kind.verb()), verdict.reason());
        }
    }

    @Test
    void aDeclaredResourceNobodyClaimsIsOnlyMadeEqualToItsDeclaration() {
        WriteGate gate = gate();
        assertTrue(gate.check(NOBODYS, WriteKind.CONFIG).allowed());
        assertTrue(gate.check(NOBODYS, WriteKind.STATE).allowed());
        assertTrue(gate.check(NOBODYS, WriteKind.CLAIM).allowed(), "an adopt takes over what nobody claims");
        for (WriteKind kind : List.of(WriteKind.DELETE, WriteKind.RESTART, WriteKind.HEAL, WriteKind.OFFSETS, WriteKind.DISOWN)) {
            WriteGate.Verdict verdict = gate.check(NOBODYS, kind);
            assertFalse(verdict.allowed(), kind.name());
            assertTrue(verdict.reason().contains("connectops adopt"), verdict.reason());
        }
        assertFalse(gate.check(UNDECLARED, WriteKind.CONFIG).allowed(), "not declared: not even its config");
    }

    @Test
    void aResourceOfUnknownOwnerIsNeverDeletedRestartedResetOrTakenOver() {
        WriteGate gate = gate();
        assertTrue(gate.check(UNKNOWN, WriteKind.CONFIG).allowed());
        for (WriteKind kind : List.of(WriteKind.DELETE, WriteKind.RESTART, WriteKind.HEAL, WriteKind.OFFSETS, WriteKind.DISOWN,
                WriteKind.CLAIM, WriteKind.CREATE)) {
            assertFalse(gate.check(UNKNOWN, kind).allowed(), kind.name());
        }
        assertThrows(RefusedWriteException.class, () -> gate.claim(UNKNOWN));
    }

    @Test
    void whatACreateMadeIsOursAndWhatWasDeletedIsNobodys() {
        WriteGate gate = WriteGate.of(Map.of(), List.of());
        ResourceId id = ResourceId.connector("c", "new");
        assertTrue(gate.check(id, WriteKind.CREATE).allowed());
        assertFalse(gate.check(id, WriteKind.RESTART).allowed());
        gate.nowOurs(id);
        assertTrue(gate.check(id, WriteKind.RESTART).allowed());
        gate.gone(id);
        assertFalse(gate.check(id, WriteKind.DELETE).allowed());
    }

    @Test
    void aGatedConnectSendsNothingTheGateRefuses() {
        InMemoryConnect connect = new InMemoryConnect();
        connect.add("theirs", Map.of("connector.class", "X", MarkerOwnership.KEY, "team-b"));
        GatedConnectApi gated = new GatedConnectApi(connect, "c", gate());
        int before = connect.log().size();
        assertThrows(RefusedWriteException.class, () -> gated.restart("theirs", true, false));
        assertThrows(RefusedWriteException.class, () -> gated.resetOffsets("theirs"));
        assertThrows(RefusedWriteException.class, () -> gated.stop("theirs"));
        assertThrows(RefusedWriteException.class, () -> gated.putConfig("theirs", Map.of("connector.class", "Y")));
        assertThrows(RefusedWriteException.class, () -> gated.delete("theirs"));
        assertEquals(before, connect.log().size(), "no call reached Connect: " + connect.log());
        assertEquals(5, gated.gate().refusals().size());
        assertTrue(gated.config("theirs").isPresent(), "reads pass");
    }

    @Test
    void aForcedGateLetsAPersonActOnAnything() {
        WriteGate forced = WriteGate.forced();
        assertTrue(forced.check(THEIRS, WriteKind.DELETE).allowed());
        assertTrue(forced.check(UNKNOWN, WriteKind.OFFSETS).allowed());
    }
}

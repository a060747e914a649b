package io.connectops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.util.List;

import io.connectops.apply.Progress;
import io.connectops.model.InvalidInputException;
import io.connectops.plan.Action;
import io.connectops.plan.Change;
import io.connectops.plan.Plan;
import io.connectops.testing.InMemoryKafka;
import org.junit.jupiter.api.Test;

/**
 * Rules that read the live resource run against the plan, as an admission controller sees a create, an update and a
 * delete (Kafka in memory; the same engine runs every front end).
 */
class PlanPoliciesTest {
    static final String CHANGES = """
            apiVersion: connectops.io/v1alpha1
            kind: Policy
            metadata: {name: changes}
            spec:
              match: {kinds: [Topic], operations: [CREATE, UPDATE, DELETE]}
              validations:
                - expression: "request.operation != 'UPDATE' || int(object.spec.config['retention.ms']) >= int(oldObject.spec.config['retention.ms']) || int(object.spec.config['retention.ms']) >= 86400000"
                  messageExpression: "'retention of ' + object.metadata.name + ' may not drop below a day (from ' + oldObject.spec.config['retention.ms'] + ')'"
                - expression: "request.operation != 'UPDATE' || object.spec.partitions <= 2 * oldObject.spec.partitions"
                  message: "partitions may at most double"
                - expression: "request.operation != 'DELETE' || !oldObject.metadata.name.startsWith('keep.')"
                  message: "keep.* topics are never deleted"
              validationActions: [Deny]
            ---
            """;

    static String topic(String name, int partitions, String retention) {
        return KafkaRulesTest.topic(name, partitions, "retention.ms: '" + retention + "'");
    }

    @Test
    void anUpdateIsCheckedAgainstTheLiveValuesAndNothingIsWritten() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        KafkaRulesTest.apply(KafkaRulesTest.engine(kafka, topic("orders.a", 2, "604800000"), topic("orders.b", 2, "604800000")), false);
        List<String> writes = List.copyOf(kafka.writes());
        // Growing within the rules, and a retention still a day or more: planned.
        Plan fine = KafkaRulesTest.engine(kafka, CHANGES, topic("orders.a", 4, "86400000"), topic("orders.b", 2, "604800000"))
                .plan(false, false, 4);
        assertEquals(Action.UPDATE, KafkaRulesTest.change(fine, "Topic", "orders.a").action());
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> KafkaRulesTest.engine(kafka, CHANGES,
                topic("orders.a", 5, "3600000"), topic("orders.b", 2, "604800000")).plan(false, false, 4));
        assertTrue(refused.getMessage().contains("Topic orders.a violates policy 'changes'")
                && refused.getMessage().contains("retention of orders.a may not drop below a day (from 604800000)")
                && refused.getMessage().contains("partitions may at most double"), refused.getMessage());
        assertTrue(refused.getMessage().contains("k.yaml:"), "at the topic's declaration: " + refused.getMessage());
        assertEquals(writes, kafka.writes(), "nothing written");
    }

    @Test
    void aDeleteIsCheckedWithTheLiveResourceAsOldObject() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        KafkaRulesTest.apply(KafkaRulesTest.engine(kafka, topic("keep.audit", 1, "604800000"), topic("orders.c", 1, "604800000")), false);
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> KafkaRulesTest.engine(kafka, CHANGES).plan(true, false, 4));
        assertTrue(refused.getMessage().contains("Topic keep.audit violates policy 'changes'")
                && refused.getMessage().contains("keep.* topics are never deleted") && !refused.getMessage().contains("orders.c"),
                refused.getMessage());
        // A create meets the same rules with no oldObject, and passes.
        Plan created = KafkaRulesTest.engine(kafka, CHANGES, topic("keep.audit", 1, "604800000"), topic("orders.c", 1, "604800000"),
                topic("orders.new", 8, "1000")).plan(false, false, 4);
        assertEquals(Action.CREATE, KafkaRulesTest.change(created, "Topic", "orders.new").action());
    }

    @Test
    void aWarnRuleAddsItsMessageToTheChangeAndTheApplyGoesOn() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        KafkaRulesTest.apply(KafkaRulesTest.engine(kafka, topic("orders.a", 2, "604800000")), false);
        Engine engine = KafkaRulesTest.engine(kafka, CHANGES.replace("[Deny]", "[Warn]"), topic("orders.a", 2, "1000"));
        Plan plan = engine.plan(false, false, 4);
        Change change = KafkaRulesTest.change(plan, "Topic", "orders.a");
        assertTrue(change.note() != null && change.note().contains("policy 'changes' warns: retention of orders.a may not drop below a day"),
                String.valueOf(change.note()));
        assertTrue(engine.apply(plan, 4, Progress.NONE).ok());
    }


    /** The built-in policy on deleting data: a topic with records or readers is not pruned unless forced or allowed. */
    @Test
    void aTopicHoldingRecordsOrReadByAGroupIsNotDeletedUnlessForcedOrAllowed() {
        InMemoryKafka kafka = new InMemoryKafka("id-1");
        KafkaRulesTest.apply(KafkaRulesTest.engine(kafka, topic("orders.full", 1, "604800000"), topic("orders.read", 1, "604800000"),
                topic("orders.empty", 1, "604800000"), topic("tmp.scratch", 1, "604800000")), false);
        kafka.data.put("orders.full", new io.connectops.kafka.TopicData(1204, List.of(), true));
        kafka.data.put("orders.read", new io.connectops.kafka.TopicData(0, List.of("billing", "audit"), true));
        kafka.data.put("tmp.scratch", new io.connectops.kafka.TopicData(7, List.of(), true));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> KafkaRulesTest.engine(kafka).plan(true, false, 4));
        assertTrue(refused.getMessage().contains("topic orders.full holds 1204 records: not deleted (apply --force")
                && refused.getMessage().contains("topic orders.read holds 0 records, read by groups audit, billing")
                && !refused.getMessage().contains("orders.empty"), refused.getMessage());

        Plan forced = KafkaRulesTest.engine(kafka).plan(true, false, 4, true);
        Change full = KafkaRulesTest.change(forced, "Topic", "orders.full");
        assertEquals(Action.DELETE, full.action());
        assertTrue(full.note().contains("holds 1,204 records, no consumer group"), full.note());
        assertTrue(KafkaRulesTest.change(forced, "Topic", "orders.read").note().contains("read by groups audit, billing"),
                KafkaRulesTest.change(forced, "Topic", "orders.read").note());

        // A declared Policy named topic-data replaces the built-in one: scratch topics may go whatever they hold.
        String own = """
                apiVersion: connectops.io/v1alpha1
                kind: Policy
                metadata: {name: topic-data}
                spec:
                  match: {kinds: [Topic], operations: [DELETE]}
                  validations:
                    - expression: "oldObject.metadata.name.startsWith('tmp.') || oldObject.status.records == 0"
                      messageExpression: "'topic ' + oldObject.metadata.name + ' still holds records'"
                ---
                """;
        InvalidInputException stillRefused = assertThrows(InvalidInputException.class, () -> KafkaRulesTest.engine(kafka, own,
                topic("orders.read", 1, "604800000")).plan(true, false, 4));
        assertTrue(stillRefused.getMessage().contains("topic orders.full still holds records")
                && !stillRefused.getMessage().contains("tmp.scratch") && !stillRefused.getMessage().contains("apply --force"),
                "the declared policy, not the built-in one: " + stillRefused.getMessage());
        Plan allowed = KafkaRulesTest.engine(kafka, own, topic("orders.full", 1, "604800000"), topic("orders.read", 1, "604800000"))
                .plan(true, false, 4);
        assertEquals(Action.DELETE, KafkaRulesTest.change(allowed, "Topic", "tmp.scratch").action());
    }
}

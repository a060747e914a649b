package io.connectops.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.connectops.kafka.KafkaAdmin;
import io.connectops.model.UserSpec;

/**
 * What applying one Kafka change sends, as plain data (the applier batches these across changes). It
 * may hold real values (a given password) and is never printed: {@link KeyChange}s are what is shown.
 */
public sealed interface KafkaWrite extends Write {
    record CreateTopic(KafkaAdmin.NewTopic topic) implements KafkaWrite {
    }

    /** @param partitions the new total, or null; @param config key to value, null value = back to the default */
    record UpdateTopic(String topic, Integer partitions, Map<String, String> config) implements KafkaWrite {
    }

    record DeleteTopic(String topic) implements KafkaWrite {
    }

    record UpdateAcls(String principal, List<KafkaAdmin.AclEntry> create, List<KafkaAdmin.AclEntry> delete) implements KafkaWrite {
        public UpdateAcls {
            create = List.copyOf(create);
            delete = List.copyOf(delete);
        }
    }

    /**
     * Sets a SCRAM credential. The password is {@code password} when given, else the one already in
     * {@code passwordFile} (unless {@code regenerate}), else a new one, written to {@code passwordFile} first.
     */
    record UpsertUser(String user, UserSpec.Mechanism mechanism, int iterations, String password, String passwordFile,
                      boolean regenerate, String rotateToken) implements KafkaWrite {
        @Override
        public String toString() {
            return "UpsertUser[" + user + " " + mechanism.label() + ", password (sensitive)]";
        }
    }

    record DeleteUser(String user, Set<UserSpec.Mechanism> mechanisms) implements KafkaWrite {
    }
}

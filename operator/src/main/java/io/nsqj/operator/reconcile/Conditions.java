package io.nsqj.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Sets a condition in a status' list; the transition time moves only when the status changes. */
final class Conditions {
    static final String READY = "Ready";
    static final String RECONCILING = "Reconciling";
    static final String ERROR = "Error";

    private Conditions() {
    }

    static void set(List<Condition> conditions, String type, boolean status, String reason, String message,
                    Long generation) {
        String value = status ? "True" : "False";
        Condition existing = find(conditions, type);
        String since = existing != null && value.equals(existing.getStatus())
                ? existing.getLastTransitionTime()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Condition updated = new ConditionBuilder().withType(type).withStatus(value).withReason(reason)
                .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(since).build();
        if (existing != null) {
            conditions.set(conditions.indexOf(existing), updated);
        } else {
            conditions.add(updated);
        }
    }

    static Condition find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    static boolean isTrue(List<Condition> conditions, String type) {
        Condition c = find(conditions, type);
        return c != null && "True".equals(c.getStatus());
    }
}

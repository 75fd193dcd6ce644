package io.nsqj.operator.reconcile;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Writes core/v1 Events about an object, as `kubectl describe` shows them; never fails a reconcile. */
final class EventRecorder {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    static final String NORMAL = "Normal";
    static final String WARNING = "Warning";
    /** The same event about the same object again within this time is left out: reconciles come in bursts. */
    private static final long REPEAT_AFTER_MILLIS = 60_000L;
    /** Last time each (object, reason, message) was recorded; cleared when it grows large. */
    private static final Map<String, Long> RECENT = new ConcurrentHashMap<>();

    private EventRecorder() {
    }

    static void record(KubernetesClient client, HasMetadata about, String type, String reason, String message) {
        long now = System.currentTimeMillis();
        Long last = RECENT.put(about.getMetadata().getUid() + "\n" + reason + "\n" + message, now);
        if (last != null && now - last < REPEAT_AFTER_MILLIS) {
            return;
        }
        if (RECENT.size() > 10_000) {
            RECENT.clear();
        }
        write(client, about, type, reason, message);
    }

    private static void write(KubernetesClient client, HasMetadata about, String type, String reason, String message) {
        LOG.infof("%s %s/%s: %s: %s", type, about.getKind(), about.getMetadata().getName(), reason, message);
        String time = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            client.v1().events().inNamespace(about.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata()
                        .withName(about.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8)
                                .toLowerCase(Locale.ROOT))
                        .withNamespace(about.getMetadata().getNamespace())
                    .endMetadata()
                    .withNewInvolvedObject()
                        .withApiVersion(about.getApiVersion()).withKind(about.getKind())
                        .withName(about.getMetadata().getName()).withNamespace(about.getMetadata().getNamespace())
                        .withUid(about.getMetadata().getUid())
                    .endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message)
                    .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                    .withEventTime(new MicroTime(time))
                    .withReportingComponent("nsq-operator").withReportingInstance("nsq-operator")
                    .withAction(reason)
                    .withNewSource().withComponent("nsq-operator").endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("event %s not recorded: %s", reason, e.getMessage());
        }
    }
}

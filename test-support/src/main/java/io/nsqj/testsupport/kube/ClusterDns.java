package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cluster DNS as a hosts file that every pod's JVM (and a test's, see {@link SimulatedCluster}) resolves names
 * with: {@code -Djdk.net.hosts.file} makes the JDK read it instead of the system resolver, and it reads the file
 * again at each lookup that its cache does not answer. The cache keeps an answer for 1 s, a missing name for 1 s,
 * set through {@code networkaddress.cache.ttl} and {@code networkaddress.cache.negative.ttl} in a security
 * properties file: the JDK's own java.security sets the negative TTL (10 s), which outranks the
 * {@code sun.net.inetaddr.negative.ttl} system property.
 *
 * <p>Records, as CoreDNS serves them from a Service's endpoints:
 * <ul>
 * <li>a headless Service (clusterIP None): {@code <svc>.<ns>.svc.cluster.local} (and {@code <svc>.<ns>.svc},
 * {@code <svc>.<ns>}, {@code <svc>}, the names a pod's search path completes) to the IP of every pod its selector
 * matches that is Ready and not terminating, or every one with an IP when publishNotReadyAddresses is set; and each
 * such pod whose hostname is set and whose subdomain is the Service's name as
 * {@code <hostname>.<svc>.<ns>.svc.cluster.local} (and {@code .svc});</li>
 * <li>any other Service: the same names to one address, the first such pod's, standing in for the virtual IP
 * (no port translation: the Service's port must be the pod's).</li>
 * </ul>
 * The lines of this machine's /etc/hosts come first, so that localhost and the machine's name still resolve. The
 * file is replaced atomically (written aside, then renamed), so a reader sees the old or the new one whole.
 * Clusters of one JVM that share a hosts file (the test JVM's) each keep their namespace's lines in it.
 *
 * <p>Runs on the cluster's loop thread; the file's content is shared under {@link #FILES}' lock.
 */
final class ClusterDns implements AutoCloseable {
    private static final String DOMAIN = "cluster.local";
    private static final String MACHINE_HOSTS = machineHosts();
    /** Each hosts file this JVM writes: the records of each namespace in it, and what it holds now. */
    private static final Map<Path, SharedFile> FILES = new HashMap<>();

    private final Path hostsFile;
    private final String namespace;

    private static final class SharedFile {
        final Map<String, String> recordsByNamespace = new TreeMap<>();
        String written;
    }

    ClusterDns(Path hostsFile, String namespace) {
        this.hostsFile = hostsFile.toAbsolutePath();
        this.namespace = namespace;
        publish("");
    }

    Path hostsFile() {
        return hostsFile;
    }

    /** The JVM options that make a daemon resolve through this file, whose cache settings are {@code security}. */
    static List<String> jvmOptions(Path hostsFile, Path security) {
        try {
            Files.createDirectories(security.getParent());
            Files.writeString(security, "networkaddress.cache.ttl=1\nnetworkaddress.cache.negative.ttl=1\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("-Djdk.net.hosts.file=" + hostsFile, "-Djava.security.properties=" + security,
                "-Dsun.net.inetaddr.ttl=1");
    }

    void sync(List<Service> services, List<Pod> pods) {
        Map<String, List<String>> namesByIp = new LinkedHashMap<>();
        for (Service svc : services) {
            Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                continue;
            }
            boolean notReadyToo = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
            List<Pod> endpoints = pods.stream()
                    .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
                    .filter(p -> p.getMetadata().getLabels() != null
                            && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .filter(p -> notReadyToo || (KubeletStatus.isReady(p) && p.getMetadata().getDeletionTimestamp() == null))
                    .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                    .toList();
            String svcName = svc.getMetadata().getName();
            List<String> names = List.of(svcName + "." + namespace + ".svc." + DOMAIN, svcName + "." + namespace + ".svc",
                    svcName + "." + namespace, svcName);
            boolean headless = "None".equals(svc.getSpec().getClusterIP());
            for (Pod pod : headless ? endpoints : endpoints.stream().limit(1).toList()) {
                List<String> forIp = namesByIp.computeIfAbsent(pod.getStatus().getPodIP(), ip -> new ArrayList<>());
                forIp.addAll(names);
                String hostname = pod.getSpec().getHostname();
                if (headless && hostname != null && svcName.equals(pod.getSpec().getSubdomain())) {
                    forIp.add(hostname + "." + svcName + "." + namespace + ".svc." + DOMAIN);
                    forIp.add(hostname + "." + svcName + "." + namespace + ".svc");
                }
            }
        }
        StringBuilder records = new StringBuilder();
        records.append("# simulated cluster DNS, namespace ").append(namespace).append('\n');
        namesByIp.forEach((ip, names) -> records.append(ip).append(' ')
                .append(String.join(" ", names.stream().distinct().toList())).append('\n'));
        publish(records.toString());
    }

    /** This namespace's records no longer resolve. */
    @Override
    public void close() {
        synchronized (FILES) {
            SharedFile file = FILES.get(hostsFile);
            if (file == null) {
                return;
            }
            file.recordsByNamespace.remove(namespace);
            write(file);
            if (file.recordsByNamespace.isEmpty()) {
                FILES.remove(hostsFile);
            }
        }
    }

    private void publish(String records) {
        synchronized (FILES) {
            SharedFile file = FILES.computeIfAbsent(hostsFile, f -> new SharedFile());
            file.recordsByNamespace.put(namespace, records);
            write(file);
        }
    }

    private void write(SharedFile file) {
        String content = MACHINE_HOSTS + String.join("", file.recordsByNamespace.values());
        if (content.equals(file.written)) {
            return;
        }
        try {
            Files.createDirectories(hostsFile.getParent());
            Path aside = hostsFile.resolveSibling(hostsFile.getFileName() + ".new");
            Files.writeString(aside, content, StandardCharsets.UTF_8);
            Files.move(aside, hostsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            file.written = content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String machineHosts() {
        StringBuilder lines = new StringBuilder("# this machine's /etc/hosts\n");
        try {
            for (String line : Files.readAllLines(Path.of("/etc/hosts"), StandardCharsets.UTF_8)) {
                String content = line.replaceFirst("#.*", "").trim();
                if (!content.isEmpty()) {
                    lines.append(content).append('\n');
                }
            }
        } catch (IOException e) {
            lines.append("127.0.0.1 localhost\n");
        }
        return lines.toString();
    }
}

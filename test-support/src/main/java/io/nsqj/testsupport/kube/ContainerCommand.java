package io.nsqj.testsupport.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nsqj.testsupport.PackagedDaemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pod's container runs as a process of this machine. The image picks the packaged daemon (a name with
 * "lookupd" runs lookupd, else one with "broker" or "nsqd" the broker); the container's {@code command} is not
 * looked at. Its args become the daemon's flags and its env the process's environment, after the kubelet's
 * {@code $(VAR)} expansion and two rewrites that stand in for the pod's own namespaces:
 * <ul>
 * <li>network: a listen address on every interface, {@code 0.0.0.0:port} or {@code :port}, becomes
 * {@code <podIP>:port}; a listen flag the args leave out is added that way with the daemon's default port, since
 * the daemon's own default, 0.0.0.0, would take the port on every other pod's address too;</li>
 * <li>mounts: a value equal to or under a volume mount's path is moved to the directory behind it.</li>
 * </ul>
 */
record ContainerCommand(PackagedDaemon daemon, List<String> flags, Map<String, String> environment) {
    private static final Pattern EVERY_INTERFACE = Pattern.compile("^(?:0\\.0\\.0\\.0|\\[::])?(:\\d+)$");
    private static final Pattern FIELD_KEY = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)']");

    static ContainerCommand of(KubernetesClient client, Pod pod, Container container, String podIp, String hostIp,
                               Map<String, Path> mounts) throws ContainerWaiting {
        PackagedDaemon daemon = daemon(container.getImage());
        Rewrite rewrite = new Rewrite(podIp, mounts);
        Map<String, String> vars = new LinkedHashMap<>();
        for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            String value = env.getValueFrom() != null
                    ? valueFrom(client, pod, env, podIp, hostIp)
                    : VarExpansion.expand(env.getValue() == null ? "" : env.getValue(), vars);
            vars.put(env.getName(), value);
        }
        List<String> flags = new ArrayList<>();
        for (String arg : container.getArgs() == null ? List.<String>of() : container.getArgs()) {
            flags.add(rewrite.arg(VarExpansion.expand(arg, vars)));
        }
        daemon.listenFlags().forEach((flag, port) -> {
            if (flags.stream().noneMatch(f -> names(f, flag))) {
                flags.add("--" + flag + "=" + podIp + ":" + port);
            }
        });
        Map<String, String> environment = new LinkedHashMap<>();
        String path = System.getenv("PATH");
        if (path != null) {
            environment.put("PATH", path);
        }
        String hostname = pod.getSpec().getHostname();
        environment.put("HOSTNAME", hostname != null ? hostname : pod.getMetadata().getName());
        vars.forEach((k, v) -> environment.put(k, rewrite.value(v)));
        return new ContainerCommand(daemon, List.copyOf(flags), environment);
    }

    private static PackagedDaemon daemon(String image) throws ContainerWaiting {
        String name = image == null ? "" : image.toLowerCase();
        if (name.contains("lookupd")) {
            return PackagedDaemon.LOOKUPD;
        }
        if (name.contains("broker") || name.contains("nsqd")) {
            return PackagedDaemon.BROKER;
        }
        throw new ContainerWaiting("InvalidImageName",
                "image \"" + image + "\" names no packaged daemon (lookupd, broker or nsqd)");
    }

    /** Whether {@code arg} is Go flag {@code name}: -name, --name, either with =value. */
    private static boolean names(String arg, String name) {
        return arg.equals("-" + name) || arg.equals("--" + name)
                || arg.startsWith("-" + name + "=") || arg.startsWith("--" + name + "=");
    }

    private static String valueFrom(KubernetesClient client, Pod pod, EnvVar env, String podIp, String hostIp)
            throws ContainerWaiting {
        EnvVarSource from = env.getValueFrom();
        if (from.getFieldRef() != null) {
            String field = from.getFieldRef().getFieldPath();
            Matcher keyed = FIELD_KEY.matcher(field);
            if (keyed.matches()) {
                Map<String, String> map = keyed.group(1).equals("labels")
                        ? pod.getMetadata().getLabels() : pod.getMetadata().getAnnotations();
                return map == null ? "" : map.getOrDefault(keyed.group(2), "");
            }
            return switch (field) {
                case "metadata.name" -> pod.getMetadata().getName();
                case "metadata.namespace" -> pod.getMetadata().getNamespace();
                case "metadata.uid" -> pod.getMetadata().getUid();
                case "spec.nodeName" -> pod.getSpec().getNodeName();
                case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
                case "status.podIP", "status.podIPs" -> podIp;
                case "status.hostIP", "status.hostIPs" -> hostIp;
                default -> throw new ContainerWaiting("CreateContainerConfigError",
                        "env " + env.getName() + ": fieldRef " + field + " is not simulated");
            };
        }
        String namespace = pod.getMetadata().getNamespace();
        if (from.getSecretKeyRef() != null) {
            String name = from.getSecretKeyRef().getName();
            String key = from.getSecretKeyRef().getKey();
            Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
            if (secret != null && secret.getData() != null && secret.getData().containsKey(key)) {
                return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
            }
            if (secret != null && secret.getStringData() != null && secret.getStringData().containsKey(key)) {
                return secret.getStringData().get(key);
            }
            return optional(from.getSecretKeyRef().getOptional(), "secret \"" + name + "\" key " + key);
        }
        if (from.getConfigMapKeyRef() != null) {
            String name = from.getConfigMapKeyRef().getName();
            String key = from.getConfigMapKeyRef().getKey();
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
            if (map != null && map.getData() != null && map.getData().containsKey(key)) {
                return map.getData().get(key);
            }
            return optional(from.getConfigMapKeyRef().getOptional(), "configmap \"" + name + "\" key " + key);
        }
        throw new ContainerWaiting("CreateContainerConfigError",
                "env " + env.getName() + ": only fieldRef, secretKeyRef and configMapKeyRef are simulated");
    }

    private static String optional(Boolean optional, String what) throws ContainerWaiting {
        if (Boolean.TRUE.equals(optional)) {
            return "";
        }
        throw new ContainerWaiting("CreateContainerConfigError", what + " not found");
    }

    /** The two rewrites of a flag or env value. */
    private record Rewrite(String podIp, Map<String, Path> mounts) {

        String arg(String arg) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("-")) {
                return eq < 0 ? arg : arg.substring(0, eq + 1) + value(arg.substring(eq + 1));
            }
            return value(arg);
        }

        String value(String value) {
            Matcher every = EVERY_INTERFACE.matcher(value);
            if (every.matches()) {
                return podIp + every.group(1);
            }
            // the longest mount path first: a mount inside another mount wins
            return mounts.entrySet().stream()
                    .sorted(Comparator.comparingInt((Map.Entry<String, Path> m) -> m.getKey().length()).reversed())
                    .filter(m -> under(value, m.getKey()))
                    .findFirst()
                    .map(m -> m.getValue() + value.substring(stripSlash(m.getKey()).length()))
                    .orElse(value);
        }

        private static boolean under(String value, String mountPath) {
            String mount = stripSlash(mountPath);
            return value.equals(mount) || value.startsWith(mount + "/");
        }

        private static String stripSlash(String path) {
            return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
    }
}

/**
 * A simulated Kubernetes cluster for the operator's tests: {@link io.nsqj.testsupport.kube.SimulatedCluster} plays
 * the StatefulSet controller, the kubelet, cluster DNS, storage provisioning and the garbage collector on top of the
 * fabric8 mock server in CRUD mode, with the packaged broker and lookupd as the pods' containers.
 *
 * <p>What a test can count on, and where the simulation stops:
 * <ul>
 * <li>Pods: a fresh IP each, 127.0.0.2 and on; the first container runs, the image choosing the daemon; its
 * {@code command} is ignored; env: value, fieldRef, secretKeyRef, configMapKeyRef (no envFrom, no
 * resourceFieldRef); volumes: claims, emptyDir, secret, configMap (subPath too). restartPolicy is always Always.</li>
 * <li>Probes: httpGet (named ports, HTTPS unverified) and tcpSocket; exec and grpc always pass. Sampled every
 * 200 ms, failures timed as configured. Liveness and startup failures restart the container.</li>
 * <li>StatefulSets: OrderedReady and Parallel, RollingUpdate with partition and OnDelete, claims and their
 * retention policy; not minReadySeconds, maxUnavailable, spec.ordinals, nor adoption of orphaned pods.
 * ControllerRevisions are not written: revisions live in the simulator.</li>
 * <li>DNS: Services with a selector; no ExternalName, no manual Endpoints, no pod A records by IP; names are
 * matched case-sensitively (the JDK's hosts file lookup is).</li>
 * <li>Networking: all pods share this machine's network, so a connection between pods comes from 127.0.0.1, not
 * from the peer's pod IP (what lookupd reports as a producer's remote_address); a Service's port is not
 * translated to its targetPort.</li>
 * <li>The mock server: a JSON merge patch appends to lists instead of replacing them, and built-in kinds have no
 * status subresource (a PUT or PATCH of the object also writes its status). This simulator writes with updates
 * guarded by resourceVersion; a test's or operator's own writes meet the same server.</li>
 * </ul>
 */
package io.nsqj.testsupport.kube;

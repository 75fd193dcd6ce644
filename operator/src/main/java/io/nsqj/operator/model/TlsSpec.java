package io.nsqj.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * The broker's TLS: a Secret with tls.crt and tls.key (and ca.crt when {@code clientAuthPolicy} verifies
 * clients), passed to nsqd as --tls-cert / --tls-key / --tls-root-ca-file.
 */
public class TlsSpec {
    @Required
    private String secretName;
    @JsonPropertyDescription("nsqd's --tls-client-auth-policy: require or require-verify (then ca.crt is used)")
    private String clientAuthPolicy;

    public String getSecretName() { return secretName; }
    public void setSecretName(String secretName) { this.secretName = secretName; }
    public String getClientAuthPolicy() { return clientAuthPolicy; }
    public void setClientAuthPolicy(String clientAuthPolicy) { this.clientAuthPolicy = clientAuthPolicy; }
}

package io.nsqj.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The admin web UI (nsqadmin's equivalent), on 4171 behind the Service {@code <name>-admin}. */
public class AdminSpec {
    @JsonPropertyDescription("run the admin web UI (a Deployment and Service <name>-admin on port 4171)")
    private boolean enabled;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
}

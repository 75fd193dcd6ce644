package io.nsqj.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The admin web UI (nsqadmin's equivalent); ignored until that exists. */
public class AdminSpec {
    @JsonPropertyDescription("run the admin UI (not built yet: ignored)")
    private boolean enabled;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
}

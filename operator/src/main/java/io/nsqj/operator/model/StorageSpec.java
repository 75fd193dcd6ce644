package io.nsqj.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Each nsqd pod's persistent volume, for --data-path. */
public class StorageSpec {
    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    @JsonPropertyDescription("the claim's size; growing it expands the claims where the StorageClass allows it")
    private String size = "10Gi";
    @JsonPropertyDescription("the StorageClass; the cluster's default when empty")
    private String storageClassName;
    @JsonPropertyDescription("delete the claims when the NsqCluster is deleted (kept by default)")
    private boolean deleteClaims;

    public String getSize() { return size; }
    public void setSize(String size) { this.size = size; }
    public String getStorageClassName() { return storageClassName; }
    public void setStorageClassName(String storageClassName) { this.storageClassName = storageClassName; }
    public boolean isDeleteClaims() { return deleteClaims; }
    public void setDeleteClaims(boolean deleteClaims) { this.deleteClaims = deleteClaims; }
}

package io.nsqj.broker.http;

import io.nsqj.broker.config.BrokerOptions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * /config/data_path: nsqd's option is "" unless --data-path was given (it then works in the current
 * directory without changing the option), so the broker's own default "." reads as "".
 */
final class ConfiguredDataPath {
    private ConfiguredDataPath() {
    }

    static String of(BrokerOptions options) {
        ConfigValue v = ConfigProvider.getConfig().getConfigValue("nsqd.data-path");
        if (v == null || v.getRawValue() == null || v.getSourceName() == null
                || v.getSourceName().contains("DefaultValues") || v.getSourceOrdinal() == Integer.MIN_VALUE) {
            return "";
        }
        return options.dataPath();
    }
}

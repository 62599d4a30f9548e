package io.cx.common.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Pseudonymises customer ids: lower-case hex HMAC-SHA256 of the id with a secret key. The same id
 * and key always give the same pseudonym, so joins across tables and runs still work; without the
 * key the id cannot be recovered or confirmed by guessing.
 */
public final class Pseudonymiser {
  private Pseudonymiser() {}

  public static String pseudonym(String id, String key) {
    if (id == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] out = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(64);
      for (byte b : out) {
        sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** A column expression applying {@link #pseudonym} with the given key. */
  public static Column pseudonymise(Column id, String key) {
    UDF1<String, String> f = v -> pseudonym(v, key);
    UserDefinedFunction udf = functions.udf(f, DataTypes.StringType);
    return udf.apply(id);
  }
}

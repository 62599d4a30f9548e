package io.cx.jobs.drivers;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

/**
 * One survey response as the driver pass ships it between machines: the hash of its customer_id
 * (the bootstrap's resampling unit, see {@code PoissonWeights}: a customer's responses are drawn
 * together), its survey weight, and its values laid out by {@link JourneyLayout} (targets on 0..1,
 * touchpoint scores, metrics; NaN = missing). Externalizable, so a shuffled response costs 8 bytes
 * a value and little more.
 */
public final class ResponseValues implements Externalizable {
  private static final long serialVersionUID = 1L;

  private long keyHash;
  private double weight;
  private double[] values;

  /** For deserialization only. */
  public ResponseValues() {}

  ResponseValues(long keyHash, double weight, double[] values) {
    this.keyHash = keyHash;
    this.weight = weight;
    this.values = values;
  }

  long keyHash() {
    return keyHash;
  }

  double weight() {
    return weight;
  }

  /** The live array, not a copy. */
  double[] values() {
    return values;
  }

  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    out.writeLong(keyHash);
    out.writeDouble(weight);
    out.writeInt(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  @Override
  public void readExternal(ObjectInput in) throws IOException {
    keyHash = in.readLong();
    weight = in.readDouble();
    values = new double[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
  }
}

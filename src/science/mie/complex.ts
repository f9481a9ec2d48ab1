/** Minimal immutable complex arithmetic for the Mie recurrences. */
export class Complex {
  constructor(
    readonly re: number,
    readonly im: number = 0,
  ) {}
  add(b: Complex): Complex {
    return new Complex(this.re + b.re, this.im + b.im);
  }
  sub(b: Complex): Complex {
    return new Complex(this.re - b.re, this.im - b.im);
  }
  mul(b: Complex): Complex {
    return new Complex(this.re * b.re - this.im * b.im, this.re * b.im + this.im * b.re);
  }
  scale(k: number): Complex {
    return new Complex(this.re * k, this.im * k);
  }
  div(b: Complex): Complex {
    // Smith's algorithm (avoids overflow).
    if (Math.abs(b.re) >= Math.abs(b.im)) {
      const r = b.im / b.re;
      const d = b.re + b.im * r;
      return new Complex((this.re + this.im * r) / d, (this.im - this.re * r) / d);
    }
    const r = b.re / b.im;
    const d = b.re * r + b.im;
    return new Complex((this.re * r + this.im) / d, (this.im * r - this.re) / d);
  }
  addReal(k: number): Complex {
    return new Complex(this.re + k, this.im);
  }
  conj(): Complex {
    return new Complex(this.re, -this.im);
  }
  abs2(): number {
    return this.re * this.re + this.im * this.im;
  }
  abs(): number {
    return Math.hypot(this.re, this.im);
  }
  static real(x: number): Complex {
    return new Complex(x, 0);
  }
  static sin(z: Complex): Complex {
    return new Complex(Math.sin(z.re) * Math.cosh(z.im), Math.cos(z.re) * Math.sinh(z.im));
  }
  static cos(z: Complex): Complex {
    return new Complex(Math.cos(z.re) * Math.cosh(z.im), -Math.sin(z.re) * Math.sinh(z.im));
  }
}

export const ONE = new Complex(1, 0);
export const I = new Complex(0, 1);

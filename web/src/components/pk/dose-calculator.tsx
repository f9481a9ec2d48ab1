/** Dose calculator: human-equivalent dose and dose preparation from a batch, side by side. */
import { DoseHedForm } from './dose-hed-form.tsx';
import { DosePrepareForm } from './dose-prepare-form.tsx';
import './pk.css';

export function DoseCalculator() {
  return (
    <section className="panel" aria-labelledby="dose-title">
      <div className="panel-head">
        <h2 id="dose-title">Dose calculator</h2>
        <span className="muted small">FDA 2005 Km / allometry · volumes per Diehl et al. 2001</span>
      </div>
      <div className="pk-two">
        <DoseHedForm />
        <DosePrepareForm />
      </div>
    </section>
  );
}

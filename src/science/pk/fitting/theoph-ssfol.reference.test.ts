/**
 * Published example: R's self-starting first-order compartment model `SSfol` fitted by `nls` (unweighted
 * least squares) to subject 1 of the theophylline data (R Core Team, R stats package, help page `?SSfol`,
 * example `fm1 <- nls(conc ~ SSfol(Dose, Time, lKe, lKa, lCl), data = Theoph.1); summary(fm1)`; model of
 * Pinheiro & Bates 2000, Mixed-Effects Models in S and S-PLUS, Springer, §8.2).
 *
 * Expected values are R's own saved example output, tests/Examples/stats-Ex.Rout.save in the R sources
 * (https://github.com/wch/r-source/blob/trunk/tests/Examples/stats-Ex.Rout.save, section `nameEx("SSfol")`):
 *   lKe −2.9196 (SE 0.1709), lKa 0.5752 (SE 0.1728), lCl −3.9159 (SE 0.1273);
 *   residual standard error 0.732 on 8 degrees of freedom; Dose 4.02 mg/kg.
 * SSfol is C = Dose·ke·ka/(Cl(ka − ke))·(e^(−ke t) − e^(−ka t)), i.e. evlab's 1cmt-oral with F = 1,
 * k10 = ke and V1 = Cl/ke. The SE of a log parameter equals %RSE/100 of the natural one (the Jacobian
 * covariance transforms exactly under the reparametrisation), so lKe and lKa SEs are checked that way;
 * the SE of lCl needs the k10–V1 covariance, which the fit result does not expose, so it is not checked.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeWithReference, referencePath } from '../../../../test/support/environment.ts';
import { fitCompartmentModel } from './fit-compartment-model.ts';

describeWithReference('nca', 'R nls + SSfol on Theoph subject 1 (published example)', () => {
  it('1cmt-oral, uniform weighting, reproduces lKe, lKa, lCl and the SEs of lKe and lKa', () => {
    const lines = readFileSync(referencePath('nca', 'theoph.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    const rows = lines.map((l) => l.split(',').map((c) => c.replace(/"/g, '')));
    const subject1 = rows.filter((r) => r[0] === '1');
    const dose = Number(subject1[0]?.[2]);
    expect(dose).toBe(4.02);
    const observations = subject1.map((r) => ({ timeH: Number(r[3]), conc: Number(r[4]) }));
    const fit = fitCompartmentModel({
      model: '1cmt-oral',
      observations,
      doses: [{ timeH: 0, amount: dose }],
      weighting: '1',
    });
    expect(fit.converged).toBe(true);
    expect(fit.objective.n).toBe(11);
    const p = Object.fromEntries(fit.parameters.map((x) => [x.name, x]));
    const ke = p.k10?.estimate ?? Number.NaN;
    const ka = p.ka?.estimate ?? Number.NaN;
    const cl = ke * (p.V1?.estimate ?? Number.NaN);
    expect(Math.log(ke)).toBeCloseTo(-2.9196, 3);
    expect(Math.log(ka)).toBeCloseTo(0.5752, 3);
    expect(Math.log(cl)).toBeCloseTo(-3.9159, 3);
    expect((p.k10?.rsePercent ?? 0) / 100).toBeCloseTo(0.1709, 3);
    expect((p.ka?.rsePercent ?? 0) / 100).toBeCloseTo(0.1728, 3);
    // R prints the residual standard error to 3 significant digits (0.732 on 8 df).
    expect(fit.objective.n - fit.objective.parameterCount).toBe(8);
    expect(Math.abs((fit.objective.sigma ?? Number.NaN) - 0.732)).toBeLessThan(0.0006);
  });
});

/**
 * Weather series as danfojs DataFrames with a `date` column of UTC `Date`s
 * (the calendar day and hour written in the file) and a 0/1 `filled` column.
 * Used in notebook 06_time_series_forecasting.
 */
import { numberColumn, stringColumn } from '../csv';
import { checkIncreasing, dateColumn, utcDate } from '../dates';
import { CsvError } from '../errors';
import { DataFrame } from '../frame';
import { datasetCsv } from './read';
import { seriesFrame, SeriesOptions } from './series-frame';

/**
 * Beijing hourly weather and PM2.5, 2010-01-01 00:00 to 2014-12-31 23:00 (local
 * time, stored as UTC wall-clock), 43,824 rows, no missing hours.
 * Columns: date, pm25 (ug/m3; 2,067 NA filled), dewPoint, temperature (deg C),
 * pressure (hPa), windDirection (NE, NW, SE, cv = calm and variable),
 * windSpeed (cumulated m/s), snowHours, rainHours (cumulated), filled.
 */
export async function loadBeijingWeather(options: SeriesOptions = {}): Promise<DataFrame> {
  const t = await datasetCsv('beijing-weather', options);
  const [y, m, d, h] = ['year', 'month', 'day', 'hour'].map((c) => numberColumn(t, c, []));
  const dates = y.map((_, k) => {
    const date = utcDate(y[k], m[k], d[k], h[k]);
    if (!date) throw new CsvError(t.file, t.lines[k], `year/month/day/hour ${y[k]}/${m[k]}/${d[k]}/${h[k]} is not a valid time`);
    return date;
  });
  checkIncreasing(t, dates);
  return seriesFrame(
    dates,
    {
      pm25: numberColumn(t, 'pm2.5'),
      dewPoint: numberColumn(t, 'DEWP'),
      temperature: numberColumn(t, 'TEMP'),
      pressure: numberColumn(t, 'PRES'),
      windSpeed: numberColumn(t, 'Iws'),
      snowHours: numberColumn(t, 'Is'),
      rainHours: numberColumn(t, 'Ir'),
    },
    options.fill ?? 'linear',
    { windDirection: stringColumn(t, 'cbwd') },
  );
}

/**
 * Seattle daily temperatures (deg C), 1948-01-01 to 2015-12-31, US dates in the
 * file (M/D/YYYY). 24,381 rows: 456 calendar days are absent (2011 entirely, and
 * short runs in 2000); 6 NA values (5 rows, all in 2000) are filled.
 * Columns: date, maxTemperature, meanTemperature, minTemperature, filled.
 */
export async function loadSeattleTemperatures(options: SeriesOptions = {}): Promise<DataFrame> {
  const t = await datasetCsv('seattle-temperature', options);
  const dates = dateColumn(t, 'Date', 'us');
  checkIncreasing(t, dates);
  return seriesFrame(
    dates,
    {
      maxTemperature: numberColumn(t, 'Max_TemperatureC'),
      meanTemperature: numberColumn(t, 'Mean_TemperatureC'),
      minTemperature: numberColumn(t, 'Min_TemperatureC'),
    },
    options.fill ?? 'linear',
  );
}

/**
 * Melbourne daily minimum temperature (deg C), 1981-01-01 to 1990-12-31, 3,650
 * rows (1984-12-31 and 1988-12-31 are absent), no NA.
 * Columns: date, minTemperature, filled.
 */
export async function loadMelbourneMinTemperatures(options: SeriesOptions = {}): Promise<DataFrame> {
  const t = await datasetCsv('melbourne-min-temperature', options);
  const dates = dateColumn(t, 'Date', 'iso');
  checkIncreasing(t, dates);
  return seriesFrame(dates, { minTemperature: numberColumn(t, 'Temp') }, options.fill ?? 'linear');
}

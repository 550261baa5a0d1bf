// Stand-in for the `xlsx` package that danfojs-node loads for readExcel/toExcel.
// The course reads CSV and JSON only; spreadsheet parsing is switched off on purpose, because
// the xlsx versions on the npm registry have published advisories for crafted files.
'use strict';

function disabled(name) {
  return function () {
    throw new Error(
      `xlsx.${name}: spreadsheet (Excel) support is disabled in this course (see README, "Security note"). ` +
        'Save the sheet as CSV and read it with dfd.readCSV instead.',
    );
  };
}

const utils = new Proxy({}, { get: (_, key) => disabled(`utils.${String(key)}`) });
module.exports = { read: disabled('read'), readFile: disabled('readFile'), write: disabled('write'), writeFile: disabled('writeFile'), utils };

# District point (a pole-mounted call point: no cabin, no interior light, no siren). BCM pins.
name=district-point
output.floodlights=17
output.beacon=22
output.buttonLed=23
output.statusLed=24
# self-test: the test line closes the panic button's contact through an optocoupler (docs/hardware.md)
output.panicTest=12
input.panic=5
input.door=6
input.tamper=13
input.motion=19
input.mains=26
# lamp current sense (current-sense module per lamp, active while the lamp draws current)
input.floodFeedback=16
input.beaconFeedback=20
i2c.bus=1
i2c.bme280=0x77
i2c.ads1115=0x48
battery.dividerRatio=4.0
